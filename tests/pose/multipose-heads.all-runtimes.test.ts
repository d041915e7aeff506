// MultiPose runs cut at its head convolutions and is decoded in TypeScript
// (multipose-heads-decode.ts): that must change speed, not results. On real images, at the
// default and two other input sizes, the decoded [6, 56] rows equal the converted graph's own
// output (keypoints, boxes, scores).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import type { GraphModel } from "@tensorflow/tfjs-converter";
import { decodeImage } from "../../src/core/image/mod.ts";
import { loadGraphModelFromFiles } from "../../src/core/inference/model-files.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { centreInInput, decodeMultiPoseHeads, MULTIPOSE_HEAD_OUTPUTS, moveNetInput, POSE_MODEL_PATHS } from "../../src/core/tasks/pose/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";

const IMAGES = ["6_bodies.jpg", "HollyGolfPose.jpg", "groups/sample5.jpg", "laptop_person.jpeg"];
const SIZES: [number, number][] = [[128, 160], [96, 128], [192, 256]];

describe("MultiPose decoded from its heads", () => {
  let model: GraphModel;
  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    model = await loadGraphModelFromFiles(POSE_MODEL_PATHS.multipose, createModelStore());
  });
  after(() => model.dispose());

  for (const [height, width] of SIZES) {
    it(`equals the graph's own post-processing at ${height}x${width}`, async () => {
      for (const name of IMAGES) {
        const image = await decodeImage(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));
        const [inH, inW] = image.height > image.width ? [width, height] : [height, width];
        const input = tf.tensor4d(moveNetInput(image, centreInInput(image.width, image.height, inW, inH)), [1, inH, inW, 3], "int32");
        const whole = model.execute(input) as tf.Tensor;
        const heads = model.execute(input, Object.values(MULTIPOSE_HEAD_OUTPUTS)) as tf.Tensor[];
        const expected = (await whole.data()) as Float32Array;
        const [centre, boxScale, boxOffset, heatmap, regress, offset] = (await Promise.all(heads.map((t) => t.data()))) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
        tf.dispose([input, whole, ...heads]);
        const decoded = decodeMultiPoseHeads({ rows: inH / 4, columns: inW / 4, centre, boxScale, boxOffset, heatmap, regress, offset });
        assert.equal(decoded.length, expected.length);
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((decoded[i] as number) - (expected[i] as number)));
        assert.ok(worst < 1e-4, `${name}: largest difference ${worst} (person scores ${[5, 4, 3, 2, 1, 0].map((p) => expected[p * 56 + 55]?.toFixed(3))})`);
        assert.ok((expected[55] as number) > 0.2, `${name}: the best person scores ${expected[55]}`);
      }
    });
  }
});
