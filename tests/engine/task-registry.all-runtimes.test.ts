/**
 * The task registry: every definition is complete and its wire facts are unique, and what the
 * server, the TCP codec, the client and the browser derive from it matches the definitions.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TASK_ENDPOINTS } from "../../src/client/endpoints.ts";
import { TCP_OPCODE_TASKS, TCP_PING_OPCODE } from "../../src/core/protocol/tcp-codec.ts";
import { TASK_NAMES, TASKS, taskDefinition } from "../../src/core/tasks/registry.ts";
import { BROWSER_REPLY_FORMATTERS } from "../../src/runtime/browser/reply-formatters.ts";
import { IMAGE_ENDPOINTS } from "../../src/server/endpoints.ts";
import { defaultReplyFormatters } from "../../src/server/task-replies.ts";

describe("task registry", () => {
  it("names, endpoints and opcodes are unique; opcodes leave ping free; endpoints end with a slash", () => {
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    assert.ok(unique(TASKS.map((t) => t.name)));
    assert.ok(unique(TASKS.map((t) => t.endpoint)));
    assert.ok(unique(TASKS.map((t) => t.tcpOpcode)));
    for (const task of TASKS) {
      assert.notEqual(task.tcpOpcode, TCP_PING_OPCODE, `${task.name} must not use the ping opcode`);
      assert.match(task.endpoint, /^\/.+\/$/, `${task.name}'s endpoint`);
      assert.ok(task.unsupported.rest.length > 0 && task.unsupported.stream.length > 0, `${task.name}'s unsupported texts`);
      assert.equal(taskDefinition(task.name), task);
    }
  });

  it("keeps the reference's wire facts (endpoints and opcodes 1-4; new tasks come after them)", () => {
    assert.deepEqual(TASK_NAMES.slice(0, 4), ["face-detection", "face-recognition", "pose", "objects"]);
    const reference = { "face-detection": "/detector/detect/", "face-recognition": "/recognizer/predict/", pose: "/openpose/detect/", objects: "/object/detect/" };
    for (const [task, endpoint] of Object.entries(reference)) assert.equal(TASK_ENDPOINTS[task as keyof typeof reference], endpoint);
    assert.deepEqual([...TCP_OPCODE_TASKS].slice(0, 4), [[1, "face-detection"], [2, "face-recognition"], [3, "pose"], [4, "objects"]]);
  });

  it("server endpoints, reply formatters and the browser's formatters are derived from the definitions", () => {
    for (const task of TASKS) {
      assert.equal(IMAGE_ENDPOINTS[task.endpoint], task.name);
      assert.equal(defaultReplyFormatters()[task.name], task.formatReply);
      assert.equal(BROWSER_REPLY_FORMATTERS[task.name], task.formatReply);
    }
    assert.equal(defaultReplyFormatters()["face-recognition"], undefined, "recognition's reply comes from the server's gallery");
  });
});
