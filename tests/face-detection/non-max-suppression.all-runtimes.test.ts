import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FaceCandidates } from "../../src/core/tasks/face-detection/decode-detections.ts";
import { boxIou, nonMaxSuppression } from "../../src/core/tasks/face-detection/non-max-suppression.ts";

function candidates(boxes: number[][], scores: number[]): FaceCandidates {
  return {
    count: scores.length,
    boxes: Float32Array.from(boxes.flat()),
    scores: Float32Array.from(scores),
    // keypoints: all 12 values equal to the box's xmin, so averaging is easy to check
    keypoints: Float32Array.from(boxes.flatMap((b) => new Array<number>(12).fill(b[0] as number))),
  };
}

describe("boxIou", () => {
  it("computes intersection over union", () => {
    const boxes = Float32Array.from([0, 0, 2, 2, 1, 1, 3, 3, 5, 5, 6, 6]);
    assert.ok(Math.abs(boxIou(boxes, 0, 1) - 1 / 7) < 1e-6);
    assert.equal(boxIou(boxes, 0, 2), 0);
    assert.equal(boxIou(boxes, 0, 0), 1);
  });
});

describe("nonMaxSuppression", () => {
  // two overlapping boxes (IoU 0.68) and one separate box
  const input = candidates([[0, 0, 1, 1], [0.1, 0, 1.1, 1], [3, 3, 4, 4]], [0.6, 0.9, 0.7]);

  it("plain: keeps the best box of each cluster, best first", () => {
    const out = nonMaxSuppression(input, 0.3, 10, "plain");
    assert.equal(out.count, 2);
    assert.deepEqual([...out.scores].map((s) => +s.toFixed(3)), [0.9, 0.7]);
    assert.deepEqual([...out.boxes.subarray(0, 4)].map((v) => +v.toFixed(3)), [0.1, 0, 1.1, 1]);
  });

  it("weighted: averages boxes and keypoints of a cluster by score, keeps the best score", () => {
    const out = nonMaxSuppression(input, 0.3, 10, "weighted");
    assert.equal(out.count, 2);
    const x0 = (0 * 0.6 + 0.1 * 0.9) / 1.5;
    assert.ok(Math.abs((out.boxes[0] as number) - x0) < 1e-6);
    assert.ok(Math.abs((out.boxes[2] as number) - (x0 + 1)) < 1e-6);
    assert.ok(Math.abs((out.keypoints[0] as number) - x0) < 1e-6);
    assert.ok(Math.abs((out.scores[0] as number) - 0.9) < 1e-6);
    assert.deepEqual([...out.boxes.subarray(4)], [3, 3, 4, 4]);
  });

  it("keeps overlapping boxes below the IoU threshold and honours maxOutput", () => {
    assert.equal(nonMaxSuppression(input, 0.9, 10, "plain").count, 3);
    assert.equal(nonMaxSuppression(input, 0.9, 1, "plain").count, 1);
    assert.equal(nonMaxSuppression(candidates([], []), 0.3, 10, "weighted").count, 0);
  });
});
