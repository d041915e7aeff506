// The precompiled BlazeFace graph gives exactly what TF.js's GraphModel.execute gives.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { loadGraphModelFromFiles } from "../../src/core/inference/model-files.ts";
import { compileGraph, type GraphNode } from "../../src/core/tasks/face-detection/blazeface-graph.ts";
import { BLAZEFACE_MODELS } from "../../src/core/tasks/face-detection/models.ts";
import { runtimeModelStore } from "./runtime-model-store.ts";

const store = await runtimeModelStore();
await initWasmBackend({ wasmDirectory: store.wasmDirectory });
const loaded = await Promise.all(Object.entries(BLAZEFACE_MODELS).map(async ([name, spec]) => {
  const model = await loadGraphModelFromFiles(spec.file, store.readModelFile);
  const nodes = (JSON.parse(new TextDecoder().decode(await store.readModelFile(spec.file))) as { modelTopology: { node: GraphNode[] } }).modelTopology.node;
  return { name, spec, model, nodes };
}));

describe(`compileGraph (${store.runtime})`, () => {
  for (const { name, spec, model, nodes } of loaded) {
    it(`matches GraphModel.execute on the ${name}-range model and leaks no tensor`, () => {
      const size = spec.anchors.inputSize;
      const graph = compileGraph(nodes, model.weights, "input", spec.outputNode);
      const input = tf.randomUniform([1, size, size, 3], -1, 1, "float32", 7);
      const expected = model.execute(input, spec.outputNode) as tf.Tensor;
      const before = tf.memory().numTensors;
      const actual = graph.execute(input);
      assert.equal(tf.memory().numTensors, before + 1, "only the output stays allocated");
      assert.deepEqual(actual.shape, expected.shape);
      const [a, e] = [actual.dataSync(), expected.dataSync()];
      let maxDiff = 0;
      for (let i = 0; i < e.length; i++) maxDiff = Math.max(maxDiff, Math.abs((a[i] as number) - (e[i] as number)));
      assert.ok(maxDiff < 1e-4, `max difference ${maxDiff}`);
      tf.dispose([input, expected, actual]);
    });
  }

  it("refuses unsupported ops and missing nodes at compile time", () => {
    const nodes: GraphNode[] = [{ name: "input", op: "Placeholder" }, { name: "out", op: "Softmax", input: ["input"] }];
    assert.throws(() => compileGraph(nodes, {}, "input", "out"), /Unsupported op "Softmax"/);
    assert.throws(() => compileGraph(nodes, {}, "input", "nothing"), /"nothing" is missing/);
  });
});
