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
import { addProfiledRun, kernelTable, type KernelTimes } from "./kernel-profile.ts";
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

/** Multiply-adds of a convolution kernel call from its shapes (0 for other kernels). */
function multiplyAdds(k: { name: string; inputShapes: number[][]; outputShapes: number[][] }): number {
  const [out, filter] = [k.outputShapes[0], k.inputShapes[1]];
  if (out === undefined || filter === undefined) return 0;
  const [, h = 0, w = 0, c = 0] = out;
  const [kh = 0, kw = 0, inC = 0] = filter;
  if (k.name === "FusedConv2D" || k.name === "Conv2D") return h * w * c * kh * kw * inC;
  if (k.name === "DepthwiseConv2dNative" || k.name === "FusedDepthwiseConv2D") return h * w * c * kh * kw;
  return 0;
}

const perKernel: KernelTimes = new Map();
/** Per convolution call (in graph order): shapes, multiply-adds and its times. */
const perConv: { name: string; shape: string; macs: number; ms: number[] }[] = [];
const whole: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const info = await tf.profile(run);
  whole.push(performance.now() - start);
  addProfiledRun(perKernel, info.kernels);
  let conv = 0;
  for (const k of info.kernels) {
    const macs = multiplyAdds(k);
    if (macs === 0) continue;
    const shape = `${k.inputShapes[0]?.slice(1).join("×")} → ${k.outputShapes[0]?.slice(1).join("×")} (${k.inputShapes[1]?.slice(0, 2).join("×")})`;
    const entry = perConv[conv] ?? (perConv[conv] = { name: k.name, shape, macs, ms: [] });
    entry.ms.push(k.kernelTimeMs as number);
    conv++;
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
console.log(`${RUNTIME_NAME}, wasm SIMD ${backend.simd}, ${backend.threads} thread, ${model}-range BlazeFace${unfused ? " (unfused)" : ""}, ${runs} runs`);
for (const line of kernelTable(perKernel)) console.log(line);
console.log(`inference without the profiler: median ${median(plain).toFixed(3)} ms, min ${min(plain).toFixed(3)} ms`);

// Each convolution's speed (multiply-adds per second at its minimum time), against the best this
// backend reaches: one large 1×1 convolution (a plain GEMM, XNNPACK's best case) timed the same way.
console.log("\n| # | kernel | input → output (filter) | M multiply-adds | min ms | G multiply-adds/s |");
console.log("| --- | --- | --- | --- | --- | --- |");
perConv.forEach((c, i) => console.log(`| ${i + 1} | ${c.name} | ${c.shape} | ${(c.macs / 1e6).toFixed(2)} | ${min(c.ms).toFixed(3)} | ${(c.macs / min(c.ms) / 1e6).toFixed(1)} |`));
const convMacs = perConv.reduce((sum, c) => sum + c.macs, 0);
const convMs = perConv.reduce((sum, c) => sum + min(c.ms), 0);
const gemmIn = tf.randomUniform([1, 64, 64, 128]);
const gemmFilter = tf.randomUniform([1, 1, 128, 128]);
const gemmMacs = 64 * 64 * 128 * 128;
const gemm: number[] = [];
for (let i = 0; i < Math.max(50, runs / 2); i++) {
  const info = await tf.profile(() => tf.tidy(() => tf.conv2d(gemmIn as tf.Tensor4D, gemmFilter as tf.Tensor4D, 1, "same").dataSync()));
  gemm.push(info.kernels.reduce((sum, k) => sum + (k.name === "Conv2D" ? (k.kernelTimeMs as number) : 0), 0));
}
const ceiling = gemmMacs / min(gemm) / 1e6;
const otherMs = [...perKernel].reduce((sum, [name, e]) => sum + (/Conv/.test(name) ? 0 : min(e.ms)), 0);
console.log(`convolutions: ${(convMacs / 1e6).toFixed(2)} M multiply-adds in ${convMs.toFixed(3)} ms (sum of minima) = ${(convMacs / convMs / 1e6).toFixed(1)} G/s`);
console.log(`backend ceiling: 1×1 convolution 64×64×128 → 128 (${(gemmMacs / 1e6).toFixed(1)} M multiply-adds) min ${min(gemm).toFixed(3)} ms = ${ceiling.toFixed(1)} G/s`);
console.log(`floor of this backend: convolutions at the ceiling ${(convMacs / ceiling / 1e6).toFixed(3)} ms + other kernels (sum of minima) ${otherMs.toFixed(3)} ms = ${(convMacs / ceiling / 1e6 + otherMs).toFixed(3)} ms`);
tf.dispose([gemmIn, gemmFilter]);
tf.dispose(input);
heads.dispose();
graphModel.dispose();
