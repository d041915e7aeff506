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
import { addProfiledRun, kernelTable, type KernelTimes } from "./kernel-profile.ts";
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

const perKernel: KernelTimes = new Map();
for (let i = 0; i < runs; i++) addProfiledRun(perKernel, (await tf.profile(runWhole)).kernels);
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
console.log(`${RUNTIME_NAME}, wasm SIMD ${backend.simd}, ${backend.threads} thread, MultiPose ${height}x${width}, ${runs} runs`);
for (const line of kernelTable(perKernel)) console.log(line);
console.log(`without the profiler, interleaved: whole graph median ${median(whole).toFixed(2)} ms (min ${min(whole).toFixed(2)}), cut at the heads + TS decoding median ${median(cut).toFixed(2)} ms (min ${min(cut).toFixed(2)})`);
tf.dispose(input);
model.dispose();
