// The NanoDet graph rewrite (fused convolutions, bypassed transpose pairs) changes speed, not
// results: the rewritten graph's six outputs equal the converted graph's on real images.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { GraphModel } from "@tensorflow/tfjs-converter";
import { decodeImage } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { modelFileHandler } from "../../src/core/inference/model-files.ts";
import {
  fitLetterbox,
  fuseConvolutions,
  NANODET_MODEL_PATH,
  nanoDetInput,
  withFusedNanoDetConvolutions,
  withNanoDetInputSize,
} from "../../src/core/tasks/objects/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";

const [HEIGHT, WIDTH] = [160, 224];
const OUTPUTS = ["Identity:0", "Identity_3:0", "Identity_1:0", "Identity_4:0", "Identity_2:0", "Identity_5:0"];

describe("NanoDet graph rewrite", () => {
  const read = createModelStore();
  const handler = () => withNanoDetInputSize(modelFileHandler(NANODET_MODEL_PATH, read), HEIGHT, WIDTH);
  let original: GraphModel;
  let fused: GraphModel;

  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    original = new GraphModel(handler());
    fused = new GraphModel(withFusedNanoDetConvolutions(handler()));
    await Promise.all([original.load(), fused.load()]);
  });
  after(() => {
    original.dispose();
    fused.dispose();
  });

  it("fuses every convolution's bias, 28 activations and paddings, and bypasses 16 transpose pairs", async () => {
    assert.deepEqual(fuseConvolutions(await (handler().load?.() as Promise<tf.io.ModelArtifacts>)), {
      bias: 34, activation: 28, padding: 28, transposes: 16,
    });
  });

  for (const name of ["frame_240x180.jpg", "Bruce.jpg"]) {
    it(`gives the converted graph's outputs on ${name}`, async () => {
      const image = await decodeImage(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));
      const input = tf.tensor4d(nanoDetInput(image, WIDTH, HEIGHT, fitLetterbox(image.width, image.height, WIDTH, HEIGHT)), [1, 3, HEIGHT, WIDTH]);
      const a = original.execute(input, OUTPUTS) as tf.Tensor[];
      const b = fused.execute(input, OUTPUTS) as tf.Tensor[];
      const diffs = a.map((t, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(t, b[i] as tf.Tensor))).dataSync()[0] ?? NaN));
      tf.dispose([input, ...a, ...b]);
      for (const [i, diff] of diffs.entries()) assert.ok(diff < 1e-4, `${OUTPUTS[i]} differs by ${diff}`);
    });
  }
});
