/**
 * Face-recognition accuracy on tests/fixtures/faces/ (four people, 11–21 photos each).
 *
 * For k = 1, 3, 5 enrolled photos per person, over several random enrolment draws:
 * - top-1: every photo not enrolled is presented; correct when the nearest subject is the right
 *   person AND closer than the threshold ("Unknown" counts as a miss);
 * - false accepts: each person in turn is left out of the gallery (the others enrolled with k
 *   photos) and all their photos are presented; a false accept is any answer other than "Unknown".
 * - strangers: every face of tests/fixtures/strangers/ (group photos of 22 other people, found with
 *   the full-range detector) is presented to the gallery of all four people; any name is a false accept.
 * Prints both for a sweep of thresholds and both subject-distance modes, then the verdict for the
 * configured default. Uses the server's own detector, alignment, embedder and search code.
 *
 *   npx tsx scripts/accuracy-recognition.ts [--draws 20] [--alignment eyes|eyes-nose-mouth] [--face-model short|full]
 */
import { readdir, readFile } from "node:fs/promises";
import { decodeImage } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { createFaceDetector } from "../src/core/tasks/face-detection/face-detector.ts";
import type { FaceAlignment } from "../src/core/tasks/face-recognition/config.ts";
import { createFaceEmbedder } from "../src/core/tasks/face-recognition/face-embedder.ts";
import { buildSubjectIndex, type SubjectDistance } from "../src/server/gallery/nearest-subject.ts";
import { DEFAULT_RECOGNITION_SETTINGS } from "../src/server/recognition/recognition-settings.ts";
import { createModelStore, WASM_DIRECTORY } from "../src/runtime/model-store.ts";
import { integer, oneOf } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { faceDetectionTask } from "../src/core/tasks/face-detection/definition.ts";
import { parseScriptSettings } from "./script-runtime.ts";

const { values: args } = parseScriptSettings({
  draws: setting({ flag: "--draws", default: 20, parse: integer(1), help: "random enrolment draws per k" }),
  alignment: setting({ flag: "--alignment", default: "eyes" as FaceAlignment, parse: oneOf<FaceAlignment>("eyes", "eyes-nose-mouth"), help: "face alignment before embedding" }),
  detector: faceDetectionTask.settings.faceModel,
}, "usage: accuracy-recognition.ts [options]");
const draws = args.draws;
const FACES = new URL("../tests/fixtures/faces/", import.meta.url);

await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
const readModelFile = createModelStore();
const detector = await createFaceDetector({ readModelFile }, { model: args.detector });
const embedder = await createFaceEmbedder({ readModelFile }, args.alignment);

/** Embeddings per person, in file-name order. */
const people = new Map<string, Float32Array[]>();
let photos = 0, missed = 0, several = 0;
for (const person of (await readdir(FACES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
  const embeddings: Float32Array[] = [];
  for (const file of (await readdir(new URL(`${person}/`, FACES))).filter((f) => f.endsWith(".png")).sort()) {
    photos++;
    const image = await decodeImage(new Uint8Array(await readFile(new URL(`${person}/${file}`, FACES))));
    const faces = await detector.detect(image);
    if (faces.length > 1) several++;
    if (faces[0] === undefined) {
      missed++;
      continue;
    }
    embeddings.push(await embedder.embed(image, faces[0]));
  }
  people.set(person, embeddings);
}
console.log(`${photos} photos of ${people.size} people; no face found in ${missed}, several faces in ${several}`);

/** Faces of people who are never enrolled (group photos need the full-range detector). */
const STRANGERS = new URL("../tests/fixtures/strangers/", import.meta.url);
const strangerDetector = await createFaceDetector({ readModelFile }, { model: "full" });
const strangers: Float32Array[] = [];
for (const file of (await readdir(STRANGERS)).filter((f) => f.endsWith(".jpg")).sort()) {
  const image = await decodeImage(new Uint8Array(await readFile(new URL(file, STRANGERS))));
  for (const face of await strangerDetector.detect(image)) strangers.push(await embedder.embed(image, face));
}
strangerDetector.dispose();
console.log(`${strangers.length} stranger faces in tests/fixtures/strangers/`);
console.log(`detector ${args.detector}, alignment ${args.alignment}, ${draws} random enrolment draws per k\n`);

/** Deterministic PRNG (mulberry32) so every run draws the same enrolment sets. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Trial { correctSubject: boolean; distance: number; genuine: boolean; stranger?: boolean }

/** Nearest-subject results for every presentation of every draw (threshold applied later). */
function collectTrials(k: number, mode: SubjectDistance): Trial[] {
  const trials: Trial[] = [];
  const next = random(1000 + k);
  for (let draw = 0; draw < draws; draw++) {
    const enrolled = new Map<string, Float32Array[]>();
    const probes = new Map<string, Float32Array[]>();
    for (const [person, embeddings] of people) {
      const order = embeddings.map((e) => ({ e, r: next() })).sort((a, b) => a.r - b.r).map((x) => x.e);
      enrolled.set(person, order.slice(0, k));
      probes.set(person, order.slice(k));
    }
    const everyone = buildSubjectIndex([...enrolled].map(([name, embeddings]) => ({ name, embeddings })), mode);
    for (const [person, list] of probes) {
      for (const probe of list) {
        const best = everyone.nearest(probe)!;
        trials.push({ genuine: true, correctSubject: best.subject === person, distance: best.distance });
      }
    }
    for (const [absent, list] of people) {
      const others = buildSubjectIndex([...enrolled].filter(([name]) => name !== absent).map(([name, embeddings]) => ({ name, embeddings })), mode);
      for (const probe of list) trials.push({ genuine: false, correctSubject: false, distance: others.nearest(probe)!.distance });
    }
    for (const probe of strangers) trials.push({ genuine: false, stranger: true, correctSubject: false, distance: everyone.nearest(probe)!.distance });
  }
  return trials;
}

function score(trials: Trial[], threshold: number) {
  const genuine = trials.filter((t) => t.genuine);
  const impostor = trials.filter((t) => !t.genuine && !t.stranger), stranger = trials.filter((t) => t.stranger);
  const rate = (list: Trial[]) => list.filter((t) => t.distance < threshold).length / Math.max(1, list.length);
  return {
    top1: genuine.filter((t) => t.correctSubject && t.distance < threshold).length / genuine.length,
    far: rate(impostor),
    strangerFar: rate(stranger),
    genuine: genuine.length,
    impostor: impostor.length,
    strangers: stranger.length,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const thresholds = [0.45, 0.5, 0.52, 0.55, 0.58, 0.6, 0.62, 0.65, 0.7];
for (const mode of ["nearest", "centroid"] as SubjectDistance[]) {
  console.log(`subject distance: ${mode}   (cells: top-1 / false accepts of left-out people / of strangers)`);
  console.log(`threshold ${["k=1", "k=3", "k=5"].map((s) => s.padStart(24)).join("")}`);
  const byK = [1, 3, 5].map((k) => collectTrials(k, mode));
  for (const threshold of thresholds) {
    console.log(`${threshold.toFixed(2).padStart(9)} ${byK.map((trials) => {
      const s = score(trials, threshold);
      return `${pct(s.top1)} /${pct(s.far)} /${pct(s.strangerFar)}`.padStart(24);
    }).join("")}`);
  }
  console.log();
}

const { threshold, subjectDistance } = DEFAULT_RECOGNITION_SETTINGS;
console.log(`Default: threshold ${threshold}, subject distance "${subjectDistance}"`);
for (const k of [1, 3, 5]) {
  const s = score(collectTrials(k, subjectDistance), threshold);
  const verdict = k === 3 ? `  (targets: top-1 ≥ 95% ${s.top1 >= 0.95 ? "met" : "MISSED"}, false accepts ≤ 5% ${Math.max(s.far, s.strangerFar) <= 0.05 ? "met" : "MISSED"})` : "";
  console.log(`k=${k}: top-1 ${pct(s.top1)} of ${s.genuine} presentations; false accepts ${pct(s.far)} of ${s.impostor} left-out presentations, ${pct(s.strangerFar)} of ${s.strangers} stranger presentations${verdict}`);
}
detector.dispose();
embedder.dispose();
