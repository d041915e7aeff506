// The pose task with the faster single-person model (MoveNet SinglePose Lightning, config
// `pose.model: "lightning"`) at its default 128 × 160 (160 × 128 for portrait images): its
// graph rewritten from the native 192 × 192 (movenet-input-size.ts). The model loads once.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { decodeImage } from "../../src/core/image/mod.ts";
import { BODY25_NAMES, createPoseEstimator, type PoseEstimator } from "../../src/core/tasks/pose/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";
import { HOLLY_EXPECTED, HOLLY_TOLERANCE_PX } from "./holly-expectations.ts";

const image = (name: string) => decodeImage(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));

describe("pose estimator (MoveNet SinglePose Lightning, default size)", () => {
  let estimator: PoseEstimator;

  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    estimator = await createPoseEstimator({ readModelFile: createModelStore() }, { model: "lightning" });
  });
  after(() => estimator.dispose());

  it("finds HollyGolfPose.jpg's keypoints where the reference and the image put them", async () => {
    const timings = { preprocessMs: -1, inferenceMs: -1, postprocessMs: -1 };
    const poses = await estimator.estimate(await image("HollyGolfPose.jpg"), timings);
    assert.equal(poses.length, 1);
    for (const [name, [x, y]] of Object.entries(HOLLY_EXPECTED)) {
      const [px = 0, py = 0, score = 0] = poses[0]?.[BODY25_NAMES.indexOf(name)] ?? [];
      assert.ok(score > 0, `${name} not detected`);
      assert.ok(Math.hypot(px - x, py - y) <= HOLLY_TOLERANCE_PX, `${name} at [${px.toFixed(1)}, ${py.toFixed(1)}], expected near [${x}, ${y}]`);
    }
    assert.ok(timings.preprocessMs >= 0 && timings.inferenceMs > 0 && timings.postprocessMs >= 0, "stage timings filled in");
  });

  it("finds nobody in single_pixel.png", async () => {
    assert.deepEqual(await estimator.estimate(await image("single_pixel.png")), []);
  });
});
