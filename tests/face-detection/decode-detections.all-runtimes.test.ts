import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BLAZEFACE_ROW_LENGTH, decodeDetections } from "../../src/core/tasks/face-detection/decode-detections.ts";

function close(actual: ArrayLike<number>, expected: number[], eps = 1e-5): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs((actual[i] as number) - (expected[i] as number)) < eps, `index ${i}: ${actual[i]} vs ${expected[i]}`);
}

describe("decodeDetections", () => {
  const anchors = Float32Array.from([0.25, 0.25, 0.75, 0.5]);
  const raw = new Float32Array(2 * BLAZEFACE_ROW_LENGTH);
  // anchor 0: logit 0 (score 0.5), box centred 8 px right, 16 px down, 32×64 px; keypoints at anchor + (k, -k) px
  raw.set([0, 8, 16, 32, 64], 0);
  for (let k = 0; k < 6; k++) raw.set([k, -k], 5 + k * 2);
  // anchor 1: logit -3 (score 0.047)
  raw[BLAZEFACE_ROW_LENGTH] = -3;

  it("keeps rows at or above the score and decodes boxes relative to the anchor, scaled by the input size", () => {
    const c = decodeDetections(raw, anchors, 128, 0.5);
    assert.equal(c.count, 1);
    close(c.scores, [0.5]);
    const cx = 0.25 + 8 / 128, cy = 0.25 + 16 / 128;
    close(c.boxes, [cx - 16 / 128, cy - 32 / 128, cx + 16 / 128, cy + 32 / 128]);
    close(c.keypoints, Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 0.25 + (i / 2) / 128 : 0.25 - ((i - 1) / 2) / 128)));
  });

  it("applies the sigmoid to scores and drops nothing at threshold 0", () => {
    const c = decodeDetections(raw, anchors, 128, 0);
    assert.equal(c.count, 2);
    close(c.scores, [0.5, 1 / (1 + Math.exp(3))]);
    close(c.boxes.subarray(4), [0.75, 0.5, 0.75, 0.5]);
  });

  it("refuses output whose length does not match the anchors", () => {
    assert.throws(() => decodeDetections(new Float32Array(17), anchors, 128, 0.5), RangeError);
  });
});
