// Pose and objects benchmark: per stage (decode, pre-processing, inference, post-processing) and
// whole (decode → result), median, p95 and min milliseconds, one WASM thread, on a 240x180 JPEG.
// Decoding uses the MozJPEG WASM decoder, as the server's workers do. "whole cpu" is the process
// CPU time (user + system) of the whole run: on a shared, busy machine it stays close to what the
// run costs on an idle core while wall-clock times stretch with the other load.
// Run the same file under each runtime:
//   npx tsx scripts/bench-tasks.ts | npm run deno -- run -A scripts/bench-tasks.ts | npx bun scripts/bench-tasks.ts
// Options (all optional):
//   --iterations N          timed runs per configuration (default 40, after 5 warm-up runs)
//   --image PATH            image to use (default tests/fixtures/frame_240x180.jpg)
//   --pose SPEC,...         pose configs: "multipose[:HxW]" or "lightning[:HxW]" (default: multipose at its default size)
//   --objects HxW,...       NanoDet input sizes (default: the default size)
//   --tasks pose,objects    which tasks to run
// e.g. compare sizes: npx tsx scripts/bench-tasks.ts --pose lightning,lightning:160x160,multipose:128x160,multipose:192x256 --objects 160x224,192x256,416x416
import { readFileSync } from "node:fs";
import { createImageDecoder, type DecodedImage } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { createObjectDetector, DEFAULT_OBJECT_DETECTOR_CONFIG, type StageTimings } from "../src/core/tasks/objects/mod.ts";
import { createPoseEstimator, DEFAULT_POSE_ESTIMATOR_CONFIG, type PoseEstimatorConfig } from "../src/core/tasks/pose/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../src/runtime/model-store.ts";
import { listOf } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { median, percentile } from "./stats.ts";

const root = new URL("../", import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(path.startsWith("/") ? path : new URL(path, root)));

const size = (text: string) => text.split("x").map(Number) as [number, number];
const { values: options } = parseScriptSettings({
  iterations: SCRIPT_SETTINGS.iterations(40),
  image: SCRIPT_SETTINGS.image("tests/fixtures/frame_240x180.jpg"),
  tasks: setting({ flag: "--tasks", default: ["pose", "objects"], defaultText: "pose,objects", parse: listOf("pose", "objects"), help: "which tasks to run" }),
  poseSpecs: setting({
    flag: "--pose",
    default: [`multipose:${DEFAULT_POSE_ESTIMATOR_CONFIG.inputSize.join("x")}`],
    defaultText: "multipose at its default size",
    parse: (text) => text.split(","),
    help: 'pose configs: "multipose[:HxW]" or "lightning[:HxW]", comma-separated',
  }),
  objectSizes: setting({
    flag: "--objects",
    default: [DEFAULT_OBJECT_DETECTOR_CONFIG.inputSize.join("x")],
    defaultText: "the default size",
    parse: (text) => text.split(","),
    help: "NanoDet input sizes HxW, comma-separated",
  }),
}, "usage: bench-tasks.ts [options]");
const { iterations, image: imagePath, tasks, poseSpecs, objectSizes } = options;

/** A stage's samples → median, p95 and min (the min shows the cost without other load). */
function summary(samples: number[]): string {
  return `${median(samples).toFixed(1)} / ${percentile(samples, 95).toFixed(1)} / ${Math.min(...samples).toFixed(1)}`;
}

/** Process CPU time (user + system) in milliseconds, where the runtime reports it. */
function cpuMs(): number {
  const usage = globalThis.process?.cpuUsage?.();
  return usage === undefined ? NaN : (usage.user + usage.system) / 1000;
}

type Run = (image: DecodedImage, timings: StageTimings) => Promise<unknown>;

/** Times `iterations` runs of decode + task, after 5 warm-up runs. */
async function measure(label: string, bytes: Uint8Array, decode: (b: Uint8Array) => Promise<DecodedImage>, run: Run): Promise<string[]> {
  const stages: Record<string, number[]> = { decode: [], pre: [], inference: [], post: [], whole: [], "whole cpu": [] };
  const timings: StageTimings = { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 };
  for (let i = 0; i < 5; i++) await run(await decode(bytes), timings);
  for (let i = 0; i < iterations; i++) {
    const cpuStart = cpuMs();
    const start = performance.now();
    const image = await decode(bytes);
    const decoded = performance.now();
    await run(image, timings);
    const end = performance.now();
    const cpu = cpuMs() - cpuStart;
    stages.decode?.push(decoded - start);
    stages.pre?.push(timings.preprocessMs);
    stages.inference?.push(timings.inferenceMs);
    stages.post?.push(timings.postprocessMs);
    stages.whole?.push(end - start);
    stages["whole cpu"]?.push(cpu);
  }
  return [label, ...Object.values(stages).map(summary)];
}

const backend = await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
const decoder = await createImageDecoder({ jpegWasm: read("node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm") });
const decode = (b: Uint8Array) => decoder.decode(b);
const readModelFile = createModelStore();
const bytes = read(imagePath);
const probe = await decode(bytes);
const rows: string[][] = [];

if (tasks.includes("pose")) {
  for (const spec of poseSpecs) {
    const [model, dims] = spec.split(":");
    const config: Partial<PoseEstimatorConfig> = { model: model === "lightning" ? "lightning" : "multipose", ...(dims ? { inputSize: size(dims) } : {}) };
    const estimator = await createPoseEstimator({ readModelFile }, config);
    estimator.warmUp();
    const label = `pose ${estimator.config.model} ${estimator.config.inputSize.join("x")}`;
    rows.push(await measure(label, bytes, decode, (image, t) => estimator.estimate(image, t)));
    estimator.dispose();
  }
}
if (tasks.includes("objects")) {
  for (const dims of objectSizes) {
    const detector = await createObjectDetector({ readModelFile }, { inputSize: size(dims) });
    detector.warmUp();
    rows.push(await measure(`objects nanodet ${detector.config.inputSize.join("x")}`, bytes, decode, (image, t) => detector.detect(image, t)));
    detector.dispose();
  }
}

console.log(`# ${RUNTIME_NAME}, tfjs-wasm ${backend.backend} simd=${backend.simd} threads=${backend.threads}, ${imagePath} (${probe.width}x${probe.height}), ${iterations} runs`);
console.log("ms, median / p95 / min");
const header = ["config", "decode", "pre", "inference", "post", "whole", "whole cpu"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  "));
