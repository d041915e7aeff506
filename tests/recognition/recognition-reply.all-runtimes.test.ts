import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { distanceToConfidence, formatRecognitionReply } from "../../src/core/tasks/face-recognition/reply.ts";

describe("formatRecognitionReply", () => {
  it("writes the reference's key order, string types and single rect", () => {
    assert.equal(
      formatRecognitionReply({ kind: "face", processingMs: 48.2184, rect: [73, 78, 146, 151], subject: "Bruce Armstrong", confidence: 71.85 }),
      '{"success": "true", "subject": "Bruce Armstrong", "confidence": "71.850", "server_processing_time": "48.218", "rect": [73, 78, 146, 151]}',
    );
  });
  it("answers success false without a face", () => {
    assert.equal(formatRecognitionReply({ kind: "no-face", processingMs: 0.0304 }), '{"success": "false", "server_processing_time": "0.030"}');
  });
  it("appends the reason last and escapes names like Python", () => {
    assert.equal(
      formatRecognitionReply({ kind: "face", processingMs: 1, rect: [0, 0, 1, 1], subject: "Unknown", confidence: 0, reason: "No subjects enrolled" }),
      '{"success": "true", "subject": "Unknown", "confidence": "0.000", "server_processing_time": "1.000", "rect": [0, 0, 1, 1], "reason": "No subjects enrolled"}',
    );
    assert.match(formatRecognitionReply({ kind: "face", processingMs: 1, rect: [0, 0, 1, 1], subject: "Zoë", confidence: 1 }), /"Zo\\u00eb"/);
  });
  it("puts the threshold at 105 on the confidence scale", () => {
    assert.equal(distanceToConfidence(0.6, 0.6), 105);
    assert.equal(distanceToConfidence(0.3, 0.6), 52.5);
  });
});
