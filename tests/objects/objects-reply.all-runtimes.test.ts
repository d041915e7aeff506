// The /object/detect/ reply, byte for byte (MobiledgeX §3.5).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatObjectsReply, pythonFixed } from "../../src/core/tasks/objects/reply.ts";
import type { ObjectsResult } from "../../src/core/engine/types.ts";

describe("formatObjectsReply", () => {
  it("prints the reference's keys, ordered by class index then score, confidence as %.2f", () => {
    const result: ObjectsResult = {
      task: "objects",
      processingMs: 28.5844,
      objects: [
        { rect: [92, 64, 165, 170], classIndex: 56, className: "chair", score: 0.987 },
        { rect: [137, 55, 179, 87], classIndex: 63, className: "laptop", score: 0.98 },
        { rect: [57, 147, 106, 202], classIndex: 32, className: "sports ball", score: 0.9249 },
        { rect: [0, 76, 112, 206], classIndex: 1, className: "bicycle", score: 0.999 },
        { rect: [10, 10, 20, 20], classIndex: 56, className: "chair", score: 0.995 },
      ],
    };
    assert.equal(
      formatObjectsReply(result),
      '{"success": "true", "server_processing_time": "28.584", "gpu_support": false, "objects": [' +
        '{"rect": [0, 76, 112, 206], "class": "bicycle", "confidence": "1.00"}, ' +
        '{"rect": [57, 147, 106, 202], "class": "sports ball", "confidence": "0.92"}, ' +
        '{"rect": [10, 10, 20, 20], "class": "chair", "confidence": "0.99"}, ' +
        '{"rect": [92, 64, 165, 170], "class": "chair", "confidence": "0.99"}, ' +
        '{"rect": [137, 55, 179, 87], "class": "laptop", "confidence": "0.98"}]}',
    );
  });

  it("omits objects and says success false when nothing was found", () => {
    assert.equal(
      formatObjectsReply({ task: "objects", processingMs: 3, objects: [] }),
      '{"success": "false", "server_processing_time": "3.000", "gpu_support": false}',
    );
  });
});

describe("pythonFixed", () => {
  it("rounds like Python's %.2f, exact ties half to even", () => {
    const cases: [number, string][] = [[0.125, "0.12"], [0.375, "0.38"], [0.625, "0.62"], [0.875, "0.88"], [0.995, "0.99"], [0.135, "0.14"], [1, "1.00"], [0, "0.00"]];
    for (const [value, text] of cases) assert.equal(pythonFixed(value, 2), text, String(value));
  });
});
