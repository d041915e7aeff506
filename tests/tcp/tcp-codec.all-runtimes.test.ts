import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  encodeTcpReply,
  encodeTcpRequest,
  opcodeForTask,
  TCP_OPCODE_TASKS,
  TCP_PONG_REPLY,
  TcpReplyDecoder,
  TcpRequestDecoder,
  tcpErrorReply,
  unsupportedOpcodeReply,
} from "../../src/core/protocol/tcp-codec.ts";
import { ByteQueue } from "../../src/core/protocol/byte-queue.ts";

const bruce = new Uint8Array(readFileSync(new URL("../fixtures/Bruce.jpg", import.meta.url)));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** Splits `bytes` into chunks of the given sizes (cycled) — simulates arbitrary socket reads. */
function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) (out.set(p, offset), (offset += p.length));
  return out;
}

describe("tcp codec: frames as in protocol §6.3", () => {
  it("encodes the Bruce.jpg face-detection request header", () => {
    const frame = encodeTcpRequest(1, bruce);
    assert.equal(bruce.length, 8957);
    assert.equal(hex(frame.subarray(0, 12)), "00 00 00 01 00 00 22 fd ff d8 ff e0");
    assert.equal(frame.length, 8 + 8957);
  });
  it("encodes the ping request and the pong reply", () => {
    assert.equal(hex(encodeTcpRequest(5, new Uint8Array(0))), "00 00 00 05 00 00 00 00");
    const pong = encodeTcpReply(TCP_PONG_REPLY);
    assert.equal(hex(pong.subarray(0, 4)), "00 00 00 13");
    assert.equal(new TextDecoder().decode(pong.subarray(4)), '{"success": "pong"}');
  });
  it("frames replies by UTF-8 byte length, not string length", () => {
    const reply = encodeTcpReply('{"x": "é"}');
    assert.equal(new DataView(reply.buffer).getUint32(0), 11);
  });
  it("writes the reference's unsupported-opcode reply byte for byte", () => {
    assert.equal(unsupportedOpcodeReply(0), '{"success": "false", "error": "Unsupported opcode: 0", "server_processing_time": 0}');
    assert.equal(unsupportedOpcodeReply(4294967295), '{"success": "false", "error": "Unsupported opcode: 4294967295", "server_processing_time": 0}');
    assert.equal(tcpErrorReply('Bad "x"'), '{"success": "false", "error": "Bad \\"x\\"", "server_processing_time": 0}');
  });
  it("maps opcodes 1–4 to the four tasks and back", () => {
    assert.deepEqual([...TCP_OPCODE_TASKS.entries()], [[1, "face-detection"], [2, "face-recognition"], [3, "pose"], [4, "objects"]]);
    for (const [opcode, task] of TCP_OPCODE_TASKS) assert.equal(opcodeForTask(task), opcode);
  });
  it("rejects opcodes that are not uint32", () => {
    assert.throws(() => encodeTcpRequest(-1, bruce), RangeError);
    assert.throws(() => encodeTcpRequest(2 ** 32, bruce), RangeError);
  });
});

describe("tcp codec: request decoder", () => {
  const stream = concat([
    encodeTcpRequest(1, bruce),
    encodeTcpRequest(5, new Uint8Array(0)),
    encodeTcpRequest(4, bruce.subarray(0, 100)),
    encodeTcpRequest(9, new Uint8Array([1, 2, 3])),
  ]);
  const expected = [
    { opcode: 1, length: 8957, head: hex(bruce.subarray(0, 4)) },
    { opcode: 5, length: 0, head: "" },
    { opcode: 4, length: 100, head: hex(bruce.subarray(0, 4)) },
    { opcode: 9, length: 3, head: "01 02 03" },
  ];

  for (const sizes of [[stream.length], [1], [3], [7, 1, 4096], [8], [9], [8956, 9, 2]]) {
    it(`decodes four frames read in chunks of ${sizes.join("/")} bytes`, () => {
      const decoder = new TcpRequestDecoder();
      const got = split(stream, sizes).flatMap((chunk) => decoder.push(chunk));
      assert.deepEqual(
        got.map((e) => (e.kind === "request" ? { opcode: e.opcode, length: e.payload.length, head: hex(e.payload.subarray(0, 4)) } : e)),
        expected,
      );
      assert.equal(decoder.bufferedBytes, 0);
    });
  }
  it("returns payloads byte-identical to what was sent, across chunk boundaries", () => {
    const decoder = new TcpRequestDecoder();
    const events = split(encodeTcpRequest(2, bruce), [1000]).flatMap((c) => decoder.push(c));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.kind, "request");
    if (events[0]!.kind === "request") assert.deepEqual(events[0]!.payload, bruce);
  });
  it("keeps an incomplete header or payload buffered", () => {
    const decoder = new TcpRequestDecoder();
    assert.deepEqual(decoder.push(new Uint8Array([0, 0, 0, 1, 0, 0, 0])), []);
    assert.deepEqual(decoder.push(new Uint8Array([2, 0xaa])), []);
    assert.equal(decoder.bufferedBytes, 9);
    const events = decoder.push(new Uint8Array([0xbb]));
    assert.deepEqual(events, [{ kind: "request", opcode: 1, payload: new Uint8Array([0xaa, 0xbb]) }]);
  });
  it("reports a payload over the limit from the header alone and then stops", () => {
    const decoder = new TcpRequestDecoder({ maxPayloadBytes: 1000 });
    assert.deepEqual(decoder.push(encodeTcpRequest(1, new Uint8Array(1000))).map((e) => e.kind), ["request"]);
    const header = encodeTcpRequest(1, new Uint8Array(1001)).subarray(0, 8);
    assert.deepEqual(decoder.push(header), [{ kind: "oversized", opcode: 1, length: 1001, limit: 1000 }]);
    assert.deepEqual(decoder.push(encodeTcpRequest(5, new Uint8Array(0))), []);
    assert.equal(decoder.bufferedBytes, 0);
  });
  it("accepts the largest header value without overflow", () => {
    const decoder = new TcpRequestDecoder();
    const events = decoder.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    assert.deepEqual(events, [{ kind: "oversized", opcode: 4294967295, length: 4294967295, limit: 16 * 1024 * 1024 }]);
  });
});

describe("tcp codec: reply decoder", () => {
  const replies = [TCP_PONG_REPLY, '{"success": "true", "server_processing_time": "19.873", "rects": [[73, 76, 147, 150]]}', "{}", '{"name": "Jos\u00e9"}'];
  const stream = concat(replies.map(encodeTcpReply));
  for (const sizes of [[stream.length], [1], [2, 5], [4], [23]]) {
    it(`decodes replies read in chunks of ${sizes.join("/")} bytes`, () => {
      const decoder = new TcpReplyDecoder();
      assert.deepEqual(split(stream, sizes).flatMap((c) => decoder.push(c)), replies);
      assert.equal(decoder.bufferedBytes, 0);
    });
  }
});

describe("ByteQueue", () => {
  it("peeks big-endian uint32 values across chunks and takes exact slices", () => {
    const queue = new ByteQueue();
    queue.push(new Uint8Array([0x01, 0x02]));
    queue.push(new Uint8Array([]));
    queue.push(new Uint8Array([0x03, 0x04, 0x05]));
    assert.equal(queue.peekUint32(0), 0x01020304);
    assert.equal(queue.peekUint32(1), 0x02030405);
    assert.throws(() => queue.peekUint32(2), RangeError);
    assert.deepEqual(queue.take(3), new Uint8Array([1, 2, 3]));
    assert.deepEqual(queue.take(0), new Uint8Array([]));
    assert.equal(queue.length, 2);
    assert.throws(() => queue.take(3), RangeError);
    queue.skip(10);
    assert.equal(queue.length, 0);
  });
});
