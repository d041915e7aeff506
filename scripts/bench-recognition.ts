/**
 * Face-recognition timing on one core.
 *
 * 1. In process, per stage, for a 240×180 JPEG camera frame: decode, detection (BlazeFace),
 *    alignment (similarity fit + bilinear 150×150 crop), embedding (dlib ResNet), gallery search.
 * 2. Gallery search with 10,000 enrolled embeddings (500 subjects × 20), nearest and centroid,
 *    plus the index rebuild that follows an enrolment.
 * 3. End to end over HTTP: POST /recognizer/predict/ to the Node server (one worker), sequential,
 *    client round trip and the reply's server_processing_time.
 *
 *   npx tsx scripts/bench-recognition.ts [--iterations 200] [--image tests/fixtures/frames/face_240x180.jpg] [--no-http]
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createImageDecoder, JPEG_WASM_PATH } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { createFaceDetector } from "../src/core/tasks/face-detection/face-detector.ts";
import { alignFace, createFaceEmbedder } from "../src/core/tasks/face-recognition/face-embedder.ts";
import { extractFaceChip } from "../src/core/tasks/face-recognition/extract-face-chip.ts";
import { DLIB_INPUT_SIZE, DLIB_MEAN_RGB } from "../src/core/tasks/face-recognition/dlib-resnet.ts";
import { buildSubjectIndex, type SubjectDistance } from "../src/server/gallery/nearest-subject.ts";
import { createModelStore, WASM_DIRECTORY } from "../src/runtime/model-store.ts";
import { switchSetting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";
import { startServer } from "../tests/server/server-process.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { values: args } = parseScriptSettings({
  iterations: SCRIPT_SETTINGS.iterations(200),
  image: SCRIPT_SETTINGS.image("tests/fixtures/frames/face_240x180.jpg"),
  "no-http": switchSetting("--no-http", "leave out the HTTP round trip measurement"),
}, "usage: bench-recognition.ts [options]");
const iterations = args.iterations;

function stats(samples: number[]): string {
  const q = (p: number) => percentile(samples, p * 100);
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  return `median ${q(0.5).toFixed(3)}  mean ${mean.toFixed(3)}  p90 ${q(0.9).toFixed(3)}  p95 ${q(0.95).toFixed(3)}  p99 ${q(0.99).toFixed(3)}  min ${Math.min(...samples).toFixed(3)}  (n=${samples.length})`;
}

const info = await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
console.log(`TF.js ${info.backend}, SIMD ${info.simd}, threads ${info.threads}; Node ${process.version}; ${iterations} iterations`);
const readModelFile = createModelStore();
const decoder = await createImageDecoder({ jpegWasm: await readFile(join(ROOT, JPEG_WASM_PATH)) });
const detector = await createFaceDetector({ readModelFile });
detector.warmUp(); // as the engine does before a task's first request
const embedder = await createFaceEmbedder({ readModelFile }, "eyes");
const bytes = new Uint8Array(await readFile(join(ROOT, args.image)));

// A realistic small gallery: the four people of tests/fixtures/faces, 3 photos each.
const facesDir = join(ROOT, "tests/fixtures/faces");
const realEmbeddings: { name: string; embeddings: Float32Array[] }[] = [];
for (const person of (await readdir(facesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)) {
  const files = (await readdir(join(facesDir, person))).filter((f) => f.endsWith(".png")).sort();
  const embeddings: Float32Array[] = [];
  for (const file of files) {
    const image = await decoder.decode(new Uint8Array(await readFile(join(facesDir, person, file))));
    const [face] = await detector.detect(image);
    if (face) embeddings.push(await embedder.embed(image, face));
  }
  realEmbeddings.push({ name: person, embeddings });
}
const smallIndex = buildSubjectIndex(realEmbeddings.map((s) => ({ name: s.name, embeddings: s.embeddings.slice(0, 3) })), "nearest");

// 1. Stages.
const stages = { decode: [] as number[], detection: [] as number[], alignment: [] as number[], embedding: [] as number[], search: [] as number[], total: [] as number[] };
/** CPU milliseconds (user + system) of this process per stage: less sensitive than wall time to other processes on a shared machine. */
const cpu = { decode: 0, detection: 0, alignment: 0, embedding: 0, search: 0, total: 0 };
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const chip = new Float32Array(DLIB_INPUT_SIZE * DLIB_INPUT_SIZE * 3);
for (let i = 0; i < iterations + 10; i++) {
  const c0 = cpuNow(), t0 = performance.now();
  const image = await decoder.decode(bytes);
  const c1 = cpuNow(), t1 = performance.now();
  const [face] = await detector.detect(image);
  if (face === undefined) throw new Error(`No face in "${args.image}"`);
  const c2 = cpuNow(), t2 = performance.now();
  extractFaceChip(image, alignFace(face, "eyes"), { size: DLIB_INPUT_SIZE, meanRgb: DLIB_MEAN_RGB, divisor: 255 }, chip);
  const c3 = cpuNow(), t3 = performance.now();
  const embedding = await embedder.embedCrop(chip);
  const c4 = cpuNow(), t4 = performance.now();
  smallIndex.nearest(embedding);
  const c5 = cpuNow(), t5 = performance.now();
  if (i < 10) continue; // warm-up
  cpu.decode += c1 - c0;
  cpu.detection += c2 - c1;
  cpu.alignment += c3 - c2;
  cpu.embedding += c4 - c3;
  cpu.search += c5 - c4;
  cpu.total += c5 - c1;
  stages.decode.push(t1 - t0);
  stages.detection.push(t2 - t1);
  stages.alignment.push(t3 - t2);
  stages.embedding.push(t4 - t3);
  stages.search.push(t5 - t4);
  stages.total.push(t5 - t1);
}
console.log(`\n1. Stages for ${args.image} (ms; "total" = detection → search, what server_processing_time covers):`);
for (const [name, samples] of Object.entries(stages)) {
  console.log(`  ${name.padEnd(10)} ${stats(samples)}  cpu/op ${(cpu[name as keyof typeof cpu] / samples.length).toFixed(3)}`);
}

// 2. Search with 10,000 embeddings: 500 synthetic subjects × 20, each a real embedding plus noise.
let seed = 7;
const gaussian = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  const u = (seed + 1) / 4294967297;
  seed = (seed * 1103515245 + 12345) >>> 0;
  const v = (seed + 1) / 4294967297;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const pool = realEmbeddings.flatMap((s) => s.embeddings);
const big = Array.from({ length: 500 }, (_, s) => {
  const base = pool[s % pool.length]!.map((x) => x + 0.06 * gaussian());
  return { name: `subject-${s}`, embeddings: Array.from({ length: 20 }, () => base.map((x) => x + 0.03 * gaussian())) };
});
const probe = await embedder.embed(await decoder.decode(bytes), (await detector.detect(await decoder.decode(bytes)))[0]!);
console.log(`\n2. Search over 10,000 embeddings (500 subjects × 20, 128-d), ms:`);
for (const mode of ["nearest", "centroid"] as SubjectDistance[]) {
  const builds: number[] = [], searches: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const index = buildSubjectIndex(big, mode);
    builds.push(performance.now() - t0);
    for (let j = 0; j < 20; j++) {
      const t1 = performance.now();
      index.nearest(probe);
      searches.push(performance.now() - t1);
    }
  }
  console.log(`  ${mode.padEnd(9)} search ${stats(searches.slice(20))}`);
  console.log(`  ${mode.padEnd(9)} index rebuild after an enrolment ${stats(builds.slice(3))}`);
}
detector.dispose();
embedder.dispose();

// 3. End to end over HTTP.
if (!args["no-http"]) {
  const dataDir = await mkdtemp(join(tmpdir(), "edgevision-bench-recognition-"));
  const server = await startServer("node", ["--pool-size", "1", "--tasks", "face-recognition", "--data-dir", dataDir]);
  try {
    const baseUrl = server.url;
    for (const person of realEmbeddings.map((s) => s.name)) {
      const files = (await readdir(join(facesDir, person))).filter((f) => f.endsWith(".png")).sort().slice(0, 3);
      for (const file of files) {
        const response = await fetch(`${baseUrl}/trainer/add/?owner_id=bench&owner_name=bench&subject=${encodeURIComponent(person)}`, {
          method: "POST", headers: { "content-type": "image/png" }, body: await readFile(join(facesDir, person, file)),
        });
        await response.text();
      }
    }
    const roundTrips: number[] = [], serverTimes: number[] = [];
    for (let i = 0; i < iterations + 10; i++) {
      const t0 = performance.now();
      const response = await fetch(`${baseUrl}/recognizer/predict/`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: bytes });
      const reply = JSON.parse(await response.text());
      const t1 = performance.now();
      if (reply.success !== "true") throw new Error(`Unexpected reply ${JSON.stringify(reply)}`);
      if (i < 10) continue;
      roundTrips.push(t1 - t0);
      serverTimes.push(Number(reply.server_processing_time));
    }
    console.log(`\n3. POST /recognizer/predict/ over loopback HTTP (Node server, 1 worker, 12 enrolled embeddings), ms:`);
    console.log(`  round trip             ${stats(roundTrips)}`);
    console.log(`  server_processing_time ${stats(serverTimes)}`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
