// BlazeFace per-op profile (issue 13 §3): TF.js kernel times of the precompiled graph the detector
// runs (blazeface-graph.ts with the heads fused by blazeface-head-fusion.ts; --unfused: without),
// summed per kernel name, median and minimum over the runs (the minimum is the least
// load-sensitive on a shared machine).
//   npx tsx scripts/profile-blazeface.ts [--runs 200] [--model short|full] [--unfused]
//   npm run deno -- run --allow-read=. --allow-env scripts/profile-blazeface.ts ... ; npx bun scripts/profile-blazeface.ts ...
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModelFromFiles } from "../src/core/inference/model-files.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { compileGraph, type GraphNode } from "../src/core/tasks/face-detection/blazeface-graph.ts";
import { fuseDetectionHeads } from "../src/core/tasks/face-detection/blazeface-head-fusion.ts";
import { BLAZEFACE_MODELS } from "../src/core/tasks/face-detection/models.ts";
import { integer } from "../src/core/settings/parsers.ts";
import { setting, switchSetting } from "../src/core/settings/setting.ts";
import { faceDetectionTask } from "../src/core/tasks/face-detection/definition.ts";
import { parseScriptSettings, RUNTIME_NAME, runtimeModelStore } from "./script-runtime.ts";
import { median } from "./stats.ts";

const { values: options } = parseScriptSettings({
  runs: setting({ flag: "--runs", default: 200, parse: integer(1), help: "profiled inferences" }),
  faceModel: faceDetectionTask.settings.faceModel,
  unfused: switchSetting("--unfused", "profile the graph without the fused detection heads"),
}, "usage: profile-blazeface.ts [options]");
const { runs, faceModel: model, unfused } = options;
const store = await runtimeModelStore();
const backend = await initWasmBackend({ wasmDirectory: store.WASM_DIRECTORY });
const spec = BLAZEFACE_MODELS[model];
const readModelFile = store.createModelStore();
const graphModel = await loadGraphModelFromFiles(spec.file, readModelFile);
const nodes = (JSON.parse(new TextDecoder().decode(await readModelFile(spec.file))) as { modelTopology: { node: GraphNode[] } }).modelTopology.node;
const heads = fuseDetectionHeads(nodes, graphModel.weights, spec.outputNode);
const graph = unfused ? compileGraph(nodes, graphModel.weights, "input", spec.outputNode) : compileGraph(heads.nodes, heads.weights, "input", spec.outputNode);
const size = spec.anchors.inputSize;
const input = tf.randomUniform([1, size, size, 3], -1, 1);
const run = () => {
  const out = graph.execute(input);
  out.dataSync();
  out.dispose();
};
for (let i = 0; i < 30; i++) run();

const perKernel = new Map<string, { calls: number; ms: number[] }>();
const whole: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const info = await tf.profile(run);
  whole.push(performance.now() - start);
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
// Whole inference without the profiler, for reference.
const plain: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  run();
  plain.push(performance.now() - start);
}
const min = (v: number[]) => Math.min(...v);
const rows = [...perKernel].sort((a, b) => median(b[1].ms) - median(a[1].ms));
const total = rows.reduce((s, [, e]) => s + median(e.ms), 0);
console.log(`${RUNTIME_NAME}, wasm SIMD ${backend.simd}, ${backend.threads} thread, ${model}-range BlazeFace${unfused ? " (unfused)" : ""}, ${runs} runs`);
console.log("| kernel | calls | median ms | min ms | share of kernel time |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, e] of rows) console.log(`| ${name} | ${e.calls} | ${median(e.ms).toFixed(3)} | ${min(e.ms).toFixed(3)} | ${(100 * median(e.ms) / total).toFixed(1)} % |`);
console.log(`| all kernels | | ${total.toFixed(3)} | ${rows.reduce((s, [, e]) => s + min(e.ms), 0).toFixed(3)} | |`);
console.log(`inference without the profiler: median ${median(plain).toFixed(3)} ms, min ${min(plain).toFixed(3)} ms`);
tf.dispose(input);
heads.dispose();
graphModel.dispose();
