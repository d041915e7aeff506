// The fused detection heads (blazeface-head-fusion.ts) change nothing: the same raw output as the
// unfused graph, and on every decodable fixture image the short-range detector (the one whose heads
// are fused; the full-range graph is left as it is) finds the same faces as TF.js's own
// GraphModel.execute with the same pre- and post-processing (IoU ≥ 0.99 each).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { createImageDecoder, type DecodedImage } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { loadGraphModelFromFiles } from "../../src/core/inference/model-files.ts";
import { createSsdAnchors } from "../../src/core/tasks/face-detection/anchors.ts";
import { compileGraph, type GraphNode } from "../../src/core/tasks/face-detection/blazeface-graph.ts";
import { fuseDetectionHeads } from "../../src/core/tasks/face-detection/blazeface-head-fusion.ts";
import { resolveFaceDetectionConfig } from "../../src/core/tasks/face-detection/config.ts";
import { decodeDetections } from "../../src/core/tasks/face-detection/decode-detections.ts";
import { createFaceDetector, toImageFaces } from "../../src/core/tasks/face-detection/face-detector.ts";
import { letterbox } from "../../src/core/tasks/face-detection/letterbox.ts";
import { BLAZEFACE_MODELS } from "../../src/core/tasks/face-detection/models.ts";
import { nonMaxSuppression } from "../../src/core/tasks/face-detection/non-max-suppression.ts";
import { iou, runtimeModelStore } from "./runtime-model-store.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const store = await runtimeModelStore();
await initWasmBackend({ wasmDirectory: store.wasmDirectory });
const decoder = await createImageDecoder({ jpegWasm: await store.readJpegWasm() });

function imageFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bad" ? [] : imageFiles(path);
    return /\.(jpe?g|png)$/i.test(name) ? [path] : [];
  });
}
const images: { name: string; image: DecodedImage }[] = [];
for (const path of imageFiles(FIXTURES)) {
  try {
    images.push({ name: path.slice(FIXTURES.length), image: await decoder.decode(new Uint8Array(readFileSync(path))) });
  } catch {
    // Fixtures that are deliberately undecodable have no faces to compare.
  }
}

describe(`BlazeFace head fusion (${store.runtime})`, () => {
  for (const [model, spec] of Object.entries(BLAZEFACE_MODELS)) {
    const fusedScales = model === "short" ? spec.anchors.layers.length : 0;
    it(`${model}-range: ${fusedScales} fused head(s), same output as the unfused graph, no leak`, async () => {
      const graphModel = await loadGraphModelFromFiles(spec.file, store.readModelFile);
      const nodes = (JSON.parse(new TextDecoder().decode(await store.readModelFile(spec.file))) as { modelTopology: { node: GraphNode[] } }).modelTopology.node;
      const before = tf.memory().numTensors;
      const fused = fuseDetectionHeads(nodes, graphModel.weights, spec.outputNode);
      assert.equal(fused.nodes.filter((n) => n.name.endsWith("/fused_head")).length, fusedScales);
      const size = spec.anchors.inputSize;
      const input = tf.randomUniform([1, size, size, 3], -1, 1, "float32", 11);
      const expected = compileGraph(nodes, graphModel.weights, "input", spec.outputNode).execute(input);
      const actual = compileGraph(fused.nodes, fused.weights, "input", spec.outputNode).execute(input);
      assert.deepEqual(actual.shape, expected.shape);
      const [a, e] = [actual.dataSync(), expected.dataSync()];
      let maxDiff = 0;
      for (let i = 0; i < e.length; i++) maxDiff = Math.max(maxDiff, Math.abs((a[i] as number) - (e[i] as number)));
      assert.ok(maxDiff < 1e-4, `max difference ${maxDiff}`);
      tf.dispose([input, expected, actual]);
      fused.dispose();
      assert.equal(tf.memory().numTensors, before, "the merged weights are freed");
      graphModel.dispose();
    });

    if (fusedScales === 0) continue;
    it(`${model}-range: the detector finds the faces GraphModel.execute finds on all ${images.length} fixture images (IoU ≥ 0.99)`, async () => {
      const settings = resolveFaceDetectionConfig({ model: model as "short" | "full" });
      const detector = await createFaceDetector({ readModelFile: store.readModelFile }, settings);
      const graphModel = await loadGraphModelFromFiles(spec.file, store.readModelFile);
      const anchors = createSsdAnchors(spec.anchors);
      const size = spec.anchors.inputSize;
      let faces = 0;
      for (const { name, image } of images) {
        const { input, transform } = letterbox(image, size);
        const raw = tf.tidy(() => (graphModel.execute(tf.tensor4d(input, [1, size, size, 3]), spec.outputNode) as tf.Tensor).dataSync() as Float32Array);
        const candidates = decodeDetections(raw, anchors, size, settings.minScore);
        const expected = toImageFaces(nonMaxSuppression(candidates, settings.iouThreshold, settings.maxFaces, "weighted"), transform, image, settings);
        const actual = await detector.detect(image);
        assert.equal(actual.length, expected.length, `${name}: ${actual.length} faces instead of ${expected.length}`);
        for (const face of expected) {
          const best = Math.max(...actual.map((f) => iou(f.rect, face.rect)));
          assert.ok(best >= 0.99, `${name}: best IoU ${best} for ${JSON.stringify(face.rect)}`);
        }
        faces += expected.length;
      }
      assert.ok(faces > images.length / 2, `only ${faces} faces in ${images.length} images: the comparison would be empty`);
      detector.dispose();
      graphModel.dispose();
    });
  }
});
