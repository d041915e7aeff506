// Face-detection pipeline benchmark: median and p95 milliseconds of decode, pre-processing,
// inference, post-processing and the whole pipeline (decode → faces), per image, warm-up excluded.
// Runs unchanged under Node (tsx), Deno and Bun, each with its own model store:
//   npx tsx scripts/bench-engine.ts [--iterations 300] [--warmup 30] [--face-model short|full] [--compare-graph-model] [IMAGE...] (--help)
//   npm run deno -- run --allow-read=. scripts/bench-engine.ts ...
//   npx bun scripts/bench-engine.ts ...
// Default images: a 240×180 camera-like frame with one face and a 640×480 portrait.
// --compare-graph-model also times inference alone through TF.js GraphModel.execute, through
// EdgeVision's precompiled graph (blazeface-graph.ts) and through it with the detection heads fused
// (blazeface-head-fusion.ts, what the detector runs), interleaved, on the same input.
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModelFromFiles } from "../src/core/inference/model-files.ts";
import { compileGraph, type GraphNode } from "../src/core/tasks/face-detection/blazeface-graph.ts";
import { fuseDetectionHeads } from "../src/core/tasks/face-detection/blazeface-head-fusion.ts";
import { BLAZEFACE_MODELS } from "../src/core/tasks/face-detection/models.ts";
import { createImageDecoder } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { faceDetectionTask } from "../src/core/tasks/face-detection/definition.ts";
import { createFaceDetector, type FaceDetectionTimings } from "../src/core/tasks/face-detection/face-detector.ts";
import { switchSetting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME, runtimeModelStore } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";

const runtime = RUNTIME_NAME;
const { values: options, positionals } = parseScriptSettings({
  iterations: SCRIPT_SETTINGS.iterations(300),
  warmup: SCRIPT_SETTINGS.warmup(30),
  faceModel: faceDetectionTask.settings.faceModel,
  compareGraphModel: switchSetting("--compare-graph-model", "also time GraphModel.execute, the precompiled graph and the fused graph"),
}, "usage: bench-engine.ts [options] [IMAGE...]", { positionals: true });
const { iterations, warmup, faceModel: model } = options;
const store = await runtimeModelStore();
const images = positionals.length > 0 ? positionals : ["tests/fixtures/frames/face_240x180.jpg", "tests/fixtures/frame_640x480.jpg"];

const backend = await initWasmBackend({ wasmDirectory: store.WASM_DIRECTORY });
const decoder = await createImageDecoder({ jpegWasm: await store.readJpegWasm() });
const detector = await createFaceDetector({ readModelFile: store.createModelStore() }, { model });
detector.warmUp(); // as the engine does before a task's first request

console.log(`${runtime}, backend ${backend.backend} (SIMD ${backend.simd}, ${backend.threads} thread), model ${model}, ${iterations} iterations after ${warmup} warm-up`);
console.log("| image | faces | decode | pre-process | inference | post-process | whole pipeline | whole, min |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const path of images) {
  const bytes = new Uint8Array(readFileSync(path));
  const stages = { decode: [] as number[], pre: [] as number[], inference: [] as number[], post: [] as number[], whole: [] as number[] };
  const timings: FaceDetectionTimings = { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 };
  let faces = 0, size = "";
  for (let i = 0; i < warmup + iterations; i++) {
    const start = performance.now();
    const image = await decoder.decode(bytes);
    const decoded = performance.now();
    const found = await detector.detect(image, timings);
    const end = performance.now();
    if (i < warmup) continue;
    faces = found.length;
    size = `${image.width}×${image.height}`;
    stages.decode.push(decoded - start);
    stages.pre.push(timings.preprocessMs);
    stages.inference.push(timings.inferenceMs);
    stages.post.push(timings.postprocessMs);
    stages.whole.push(end - start);
  }
  const cell = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 95).toFixed(2)}`;
  };
  const name = path.split("/").pop();
  const min = Math.min(...stages.whole).toFixed(2);
  console.log(`| ${name} (${size}) | ${faces} | ${cell(stages.decode)} | ${cell(stages.pre)} | ${cell(stages.inference)} | ${cell(stages.post)} | ${cell(stages.whole)} | ${min} |`);
}
console.log("(median / p95 ms)");
detector.dispose();

if (options.compareGraphModel) {
  const spec = BLAZEFACE_MODELS[model];
  const readModelFile = store.createModelStore();
  const graphModel = await loadGraphModelFromFiles(spec.file, readModelFile);
  const nodes = (JSON.parse(new TextDecoder().decode(await readModelFile(spec.file))) as { modelTopology: { node: GraphNode[] } }).modelTopology.node;
  const compiled = compileGraph(nodes, graphModel.weights, "input", spec.outputNode);
  const size = spec.anchors.inputSize;
  const input = tf.randomUniform([1, size, size, 3], -1, 1);
  const heads = fuseDetectionHeads(nodes, graphModel.weights, spec.outputNode);
  const fused = compileGraph(heads.nodes, heads.weights, "input", spec.outputNode);
  const runners: [string, () => tf.Tensor][] = [
    ["GraphModel.execute", () => graphModel.execute(input, spec.outputNode) as tf.Tensor],
    ["precompiled graph", () => compiled.execute(input)],
    ["precompiled graph, fused heads", () => fused.execute(input)],
  ];
  const times = runners.map(() => [] as number[]);
  for (let i = 0; i < warmup + iterations; i++) {
    runners.forEach(([, run], r) => {
      const start = performance.now();
      const out = run();
      out.dataSync();
      out.dispose();
      if (i >= warmup) times[r]!.push(performance.now() - start);
    });
  }
  console.log(`\nInference only, ${model}-range model, interleaved:`);
  console.log("| runner | median | p95 | min |");
  console.log("| --- | --- | --- | --- |");
  runners.forEach(([name], r) => {
    const sorted = [...times[r]!].sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${(sorted[0] as number).toFixed(2)} |`);
  });
  tf.dispose(input);
  heads.dispose();
  graphModel.dispose();
}
