// MoveNet MultiPose per-op profile (issue 14 §3): TF.js kernel times of the whole graph, summed
// per kernel name (median and minimum over the runs), then, interleaved in one loop, the whole
// graph against the graph cut at its six head convolutions plus the TypeScript decoding that
// replaces the in-graph post-processing (Sigmoid, MaxPool, TopK, GatherNd, ArgMax …).
//   npx tsx scripts/profile-multipose.ts [--runs 100] [--size 128x160]
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModelFromFiles } from "../src/core/inference/model-files.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { MULTIPOSE_HEAD_OUTPUTS } from "../src/core/tasks/pose/multipose-heads.ts";
import { decodeMultiPoseHeads, type MultiPoseHeads } from "../src/core/tasks/pose/multipose-heads-decode.ts";
import { POSE_MODEL_PATHS } from "../src/core/tasks/pose/pose-estimator.ts";
import { inputSize, integer } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME, runtimeModelStore } from "./script-runtime.ts";
import { median } from "./stats.ts";

const { values: options } = parseScriptSettings({
  runs: setting({ flag: "--runs", default: 100, parse: integer(1), help: "profiled runs" }),
  size: setting<[number, number]>({ flag: "--size", default: [128, 160], defaultText: "128x160", parse: inputSize, help: "MultiPose input size HEIGHTxWIDTH" }),
}, "usage: profile-multipose.ts [options]");
const { runs, size: [height, width] } = options;
const store = await runtimeModelStore();
const backend = await initWasmBackend({ wasmDirectory: store.WASM_DIRECTORY });
const model = await loadGraphModelFromFiles(POSE_MODEL_PATHS.multipose, store.createModelStore());
const input = tf.randomUniform([1, height, width, 3], 0, 255, "int32");
const heads = Object.values(MULTIPOSE_HEAD_OUTPUTS);
const runWhole = () => {
  const out = model.execute(input) as tf.Tensor;
  out.dataSync();
  out.dispose();
};
const runHeads = () => {
  const outs = model.execute(input, heads) as tf.Tensor[];
  const [centre, boxScale, boxOffset, heatmap, regress, offset] = outs.map((t) => t.dataSync()) as Float32Array[];
  tf.dispose(outs);
  decodeMultiPoseHeads({ rows: height / 4, columns: width / 4, centre, boxScale, boxOffset, heatmap, regress, offset } as MultiPoseHeads);
};
for (let i = 0; i < 20; i++) {
  runWhole();
  runHeads();
}

const perKernel = new Map<string, { calls: number; ms: number[] }>();
for (let i = 0; i < runs; i++) {
  const info = await tf.profile(runWhole);
  const sums = new Map<string, { calls: number; ms: number }>();
  for (const k of info.kernels) {
    const entry = sums.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += k.kernelTimeMs as number;
    sums.set(k.name, entry);
  }
  for (const [name, { calls, ms }] of sums) {
    const entry = perKernel.get(name) ?? { calls, ms: [] };
    entry.ms.push(ms);
    perKernel.set(name, entry);
  }
}
const whole: number[] = [];
const cut: number[] = [];
for (let i = 0; i < runs; i++) {
  let start = performance.now();
  runWhole();
  whole.push(performance.now() - start);
  start = performance.now();
  runHeads();
  cut.push(performance.now() - start);
}
const min = (v: number[]) => Math.min(...v);
const rows = [...perKernel].sort((a, b) => median(b[1].ms) - median(a[1].ms));
const total = rows.reduce((s, [, e]) => s + median(e.ms), 0);
console.log(`${RUNTIME_NAME}, wasm SIMD ${backend.simd}, ${backend.threads} thread, MultiPose ${height}x${width}, ${runs} runs`);
console.log("| kernel | calls | median ms | min ms | share of kernel time |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, e] of rows) console.log(`| ${name} | ${e.calls} | ${median(e.ms).toFixed(3)} | ${min(e.ms).toFixed(3)} | ${(100 * median(e.ms) / total).toFixed(1)} % |`);
console.log(`| all kernels | | ${total.toFixed(3)} | ${rows.reduce((s, [, e]) => s + min(e.ms), 0).toFixed(3)} | |`);
console.log(`without the profiler, interleaved: whole graph median ${median(whole).toFixed(2)} ms (min ${min(whole).toFixed(2)}), cut at the heads + TS decoding median ${median(cut).toFixed(2)} ms (min ${min(cut).toFixed(2)})`);
tf.dispose(input);
model.dispose();
