// The /openpose/detect/ reply, byte for byte (MobiledgeX §3.4).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatPoseReply } from "../../src/core/tasks/pose/reply.ts";
import type { PoseResult } from "../../src/core/engine/types.ts";

describe("formatPoseReply", () => {
  it("prints one entry per person with float32-widened floats and [0.0, 0.0, 0.0] for missing points", () => {
    const person = Array.from({ length: 25 }, (): [number, number, number] => [0, 0, 0]);
    person[0] = [81.45, 60.4, 0.83853799];
    person[24] = [36, 213.5, 1];
    const result: PoseResult = { task: "pose", processingMs: 35.3584, poses: [person] };
    const zeros = Array.from({ length: 23 }, () => "[0.0, 0.0, 0.0]").join(", ");
    assert.equal(
      formatPoseReply(result),
      `{"success": "true", "server_processing_time": "35.358", "poses": [[[81.44999694824219, 60.400001525878906, 0.8385379910469055], ${zeros}, [36.0, 213.5, 1.0]]]}`,
    );
  });

  it("says success false without poses when nobody was found", () => {
    assert.equal(
      formatPoseReply({ task: "pose", processingMs: 0.0431, poses: [] }),
      '{"success": "false", "server_processing_time": "0.043"}',
    );
  });
});
