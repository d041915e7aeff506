import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatFaceDetectionReply } from "../../src/core/tasks/face-detection/reply.ts";

const face = (rect: [number, number, number, number]) => ({ rect, score: 0.9, landmarks: [] });

describe("formatFaceDetectionReply", () => {
  it("matches the reference reply byte for byte when faces are found", () => {
    assert.equal(
      formatFaceDetectionReply({ processingMs: 8.4371, faces: [face([73, 76, 147, 150])] }),
      '{"success": "true", "server_processing_time": "8.437", "rects": [[73, 76, 147, 150]]}',
    );
    assert.equal(
      formatFaceDetectionReply({ processingMs: 30.8976, faces: [face([6, 104, 59, 157]), face([68, 165, 138, 235])] }),
      '{"success": "true", "server_processing_time": "30.898", "rects": [[6, 104, 59, 157], [68, 165, 138, 235]]}',
    );
  });

  it("has no rects key when nothing is found, and always three decimals", () => {
    assert.equal(formatFaceDetectionReply({ processingMs: 0.043, faces: [] }), '{"success": "false", "server_processing_time": "0.043"}');
    assert.equal(formatFaceDetectionReply({ processingMs: 12, faces: [] }), '{"success": "false", "server_processing_time": "12.000"}');
  });
});
