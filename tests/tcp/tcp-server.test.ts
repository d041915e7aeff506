/**
 * The persistent-TCP transport (§6) of the real server process under Deno, Node and Bun, over real
 * sockets: each opcode, unknown opcodes, undecodable images, pipelined and split requests, the
 * payload limit, the idle timeout, and that the server keeps serving afterwards.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { encodeTcpRequest, unsupportedOpcodeReply } from "../../src/core/protocol/tcp-codec.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "../server/server-process.ts";
import { withoutTime } from "../server/reference-expectations.ts";
import { TcpTestClient } from "./tcp-test-client.ts";

const BRUCE = fixture("Bruce.jpg");
const TRIPLE = fixture("face_triple.jpg");
const EMPTY = new Uint8Array(0);
const MAX_PAYLOAD = 200_000;
const IDLE_MS = 2_000;
const REQUEST_MS = 1_500;
const PONG = '{"success": "pong"}';

function tcpPortOf(server: ServerProcess): number {
  const match = server.output().match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/);
  assert.ok(match, `no TCP start-up line in:\n${server.output()}`);
  return Number(match[1]);
}

function assertFaceReply(reply: string, faces: number): void {
  const parsed = JSON.parse(reply) as { success: string; server_processing_time: string; rects: number[][] };
  assert.equal(parsed.success, "true", reply);
  assert.match(parsed.server_processing_time, /^\d+\.\d{3}$/);
  assert.equal(parsed.rects.length, faces, reply);
}

function assertJsonError(reply: string): void {
  const parsed = JSON.parse(reply) as Record<string, unknown>;
  assert.equal(parsed.success, "false", reply);
  assert.equal(typeof parsed.error, "string", reply);
  assert.equal(parsed.server_processing_time, 0, reply);
}

for (const runtime of RUNTIMES) {
  describe(`persistent TCP on ${runtime}`, () => {
    let server: ServerProcess;
    let port: number;
    const clients: TcpTestClient[] = [];
    const open = async () => {
      const client = await TcpTestClient.connect(port);
      clients.push(client);
      return client;
    };
    before(async () => {
      server = await startServer(runtime, [
        "--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "random",
        "--max-body-bytes", String(MAX_PAYLOAD), "--idle-timeout-ms", String(IDLE_MS), "--request-timeout-ms", String(REQUEST_MS),
      ]);
      port = tcpPortOf(server);
    });
    after(async () => {
      for (const client of clients) client.close();
      await server?.stop();
    });

    test("opcode 1 answers face detection with the REST reply document", async () => {
      const client = await open();
      await client.write(encodeTcpRequest(1, BRUCE));
      const reply = await client.reply();
      assertFaceReply(reply, 1);
      const rest = await post(`${server.base}/detector/detect/`, BRUCE, { "Content-Type": "image/jpeg" });
      assert.equal(withoutTime(reply), withoutTime(rest.text));
    });

    test("opcode 5 is ping: exactly {\"success\": \"pong\"} behind length 0x13", async () => {
      const client = await open();
      const raw: Buffer[] = [];
      client.socket.on("data", (chunk: Buffer) => raw.push(chunk));
      await client.write(encodeTcpRequest(5, EMPTY));
      assert.equal(await client.reply(), PONG);
      assert.equal(Buffer.concat(raw).subarray(0, 4).toString("hex"), "00000013");
      await client.write(encodeTcpRequest(5, BRUCE)); // the payload of a ping is ignored
      assert.equal(await client.reply(), PONG);
    });

    test("opcodes 2–4 reach their tasks (recognition falls back to detection; pose/objects not loaded here)", async () => {
      const client = await open();
      await client.write(encodeTcpRequest(2, BRUCE));
      const recognition = JSON.parse(await client.reply()) as Record<string, unknown>;
      assert.ok(typeof recognition.success === "string", JSON.stringify(recognition));
      assert.ok("server_processing_time" in recognition);
      await client.write(encodeTcpRequest(3, BRUCE));
      assert.equal(await client.reply(), '{"success": "false", "error": "OpenPose not supported", "server_processing_time": 0}');
      await client.write(encodeTcpRequest(4, BRUCE));
      assert.equal(await client.reply(), '{"success": "false", "error": "Object detection not supported", "server_processing_time": 0}');
    });

    test("unknown opcodes get the reference's reply and the connection stays usable", async () => {
      const client = await open();
      for (const opcode of [0, 6, 4294967295]) {
        await client.write(encodeTcpRequest(opcode, BRUCE));
        assert.equal(await client.reply(), unsupportedOpcodeReply(opcode));
      }
      await client.write(encodeTcpRequest(1, BRUCE));
      assertFaceReply(await client.reply(), 1);
    });

    test("an undecodable, truncated or empty image gets a JSON error, not a dropped connection", async () => {
      const client = await open();
      for (const bad of [new TextEncoder().encode("not an image at all"), BRUCE.subarray(0, 600), EMPTY]) {
        await client.write(encodeTcpRequest(1, bad));
        assertJsonError(await client.reply());
      }
      assert.equal(client.isClosed, false);
      await client.write(encodeTcpRequest(1, TRIPLE));
      assertFaceReply(await client.reply(), 3);
    });

    test("pipelined requests in one write are answered in order", async () => {
      const client = await open();
      const frames = [encodeTcpRequest(1, TRIPLE), encodeTcpRequest(5, EMPTY), encodeTcpRequest(9, EMPTY), encodeTcpRequest(1, BRUCE), encodeTcpRequest(5, EMPTY)];
      await client.write(Buffer.concat(frames));
      assertFaceReply(await client.reply(), 3);
      assert.equal(await client.reply(), PONG);
      assert.equal(await client.reply(), unsupportedOpcodeReply(9));
      assertFaceReply(await client.reply(), 1);
      assert.equal(await client.reply(), PONG);
    });

    test("a request split across many small writes is reassembled", async () => {
      const client = await open();
      const frame = encodeTcpRequest(1, BRUCE);
      for (const [start, end] of [[0, 3], [3, 8], [8, 9], [9, 4000], [4000, frame.length]] as const) {
        await client.write(frame.subarray(start, end));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assertFaceReply(await client.reply(), 1);
    });

    test("a payload over the limit gets a JSON error, then the server closes; new connections still work", async () => {
      const client = await open();
      await client.write(encodeTcpRequest(5, EMPTY));
      await client.write(encodeTcpRequest(1, new Uint8Array(MAX_PAYLOAD + 1)).subarray(0, 4096));
      assert.equal(await client.reply(), PONG);
      assert.equal(
        await client.reply(),
        `{"success": "false", "error": "Payload of ${MAX_PAYLOAD + 1} bytes is over the limit of ${MAX_PAYLOAD} bytes", "server_processing_time": 0}`,
      );
      await client.closed;
      assert.equal(client.leftoverBytes, 0);
      const next = await open();
      await next.write(encodeTcpRequest(1, BRUCE));
      assertFaceReply(await next.reply(), 1);
    });

    test("a request frame left incomplete gets a JSON error after the request timeout, then the server closes", async () => {
      const client = await open();
      const frame = encodeTcpRequest(1, BRUCE);
      await client.write(Buffer.concat([encodeTcpRequest(5, EMPTY), frame.subarray(0, 5000)]));
      assert.equal(await client.reply(), PONG);
      assert.equal(await client.reply(), `{"success": "false", "error": "Request not complete within ${REQUEST_MS} ms", "server_processing_time": 0}`);
      await client.closed;
    });

    test("a silent connection is closed after the idle timeout; a client's half-close still gets its reply", async () => {
      const silent = await open();
      const halfClosed = await open();
      await halfClosed.write(encodeTcpRequest(1, BRUCE));
      halfClosed.socket.end();
      assertFaceReply(await halfClosed.reply(), 1);
      await halfClosed.closed;
      await silent.closed; // resolves only because the server closes it (IDLE_MS)
      assert.equal(silent.leftoverBytes, 0);
    });
  });
}

describe("persistent TCP opcodes 3 and 4 with the pose and object models (Node server)", () => {
  let server: ServerProcess;
  let client: TcpTestClient;
  before(async () => {
    server = await startServer("node", ["--pool-size", "1", "--tasks", "pose,objects", "--tcp-port", "random"]);
    client = await TcpTestClient.connect(tcpPortOf(server));
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  for (const [opcode, path, image] of [[3, "/openpose/detect/", "HollyGolfPose.jpg"], [4, "/object/detect/", "objects_001.jpg"]] as const) {
    test(`opcode ${opcode} answers exactly what ${path} answers over REST`, async () => {
      const bytes = fixture(image);
      await client.write(encodeTcpRequest(opcode, bytes));
      const reply = await client.reply();
      assert.equal((JSON.parse(reply) as { success: string }).success, "true", reply);
      const rest = await post(`${server.base}${path}`, bytes, { "Content-Type": "image/jpeg" });
      assert.equal(rest.status, 200, rest.text);
      assert.equal(withoutTime(reply), withoutTime(rest.text));
    });
  }
});
