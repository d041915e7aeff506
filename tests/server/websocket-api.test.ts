/**
 * The WebSocket API (§5) of the real server process under Deno, Node and Bun: echo, one ordered
 * JSON reply per binary frame (also when 50 frames are pipelined), JSON error replies that keep
 * the connection open, and 20 concurrent clients.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { connect as connectTcp } from "node:net";
import WebSocket from "ws";
import { inProcessFaceDetection, rectNumbers, sameReplyWithin } from "./reference-expectations.ts";
import { fixture, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";

const BRUCE = fixture("Bruce.jpg");
const TRIPLE = fixture("face_triple.jpg");
const PIXEL = fixture("single_pixel.png");

/** A WebSocket client that queues incoming text messages. */
class Client {
  readonly #socket: WebSocket;
  readonly #messages: string[] = [];
  readonly #waiters: ((text: string) => void)[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.#socket.once("open", () => resolve());
      this.#socket.once("error", reject);
      this.#socket.once("unexpected-response", (_req, res) => reject(new Error(`Handshake answered ${res.statusCode}`)));
    });
    this.closed = new Promise((resolve) => this.#socket.once("close", (code) => resolve(code)));
    this.#socket.on("message", (data, isBinary) => {
      assert.equal(isBinary, false, "replies are text frames");
      const text = data.toString("utf8");
      const waiter = this.#waiters.shift();
      if (waiter) waiter(text);
      else this.#messages.push(text);
    });
  }

  send(data: Uint8Array | string): void {
    this.#socket.send(data, { binary: typeof data !== "string" });
  }

  next(): Promise<string> {
    const queued = this.#messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.#socket.close();
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client(url);
  await client.opened;
  return client;
}

let expected: { bruce: string; triple: string; pixel: string };
before(async () => {
  const [bruce, triple, pixel] = await inProcessFaceDetection([BRUCE, TRIPLE, PIXEL]);
  expected = { bruce: bruce as string, triple: triple as string, pixel: pixel as string };
});

/** Sends one raw HTTP request and resolves with the response's status line (the server closes after a 400). */
function rawStatusLine(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, "127.0.0.1", () => socket.write(request));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n")) {
        resolve(received.split("\r\n")[0] as string);
        socket.destroy();
      }
    });
    socket.on("error", reject);
    socket.setTimeout(30_000, () => reject(new Error(`No reply to ${JSON.stringify(request)}`)));
  });
}

const ERROR_REPLY = /^\{"success": "false", "error": "[^"]+", "server_processing_time": 0\}$/;

for (const runtime of RUNTIMES) {
  describe(`WebSocket API on ${runtime}`, () => {
    let server: ServerProcess;
    let ws: (path: string) => string;
    before(async () => {
      server = await startServer(runtime, ["--pool-size", "2", "--tasks", "face-detection"]);
      ws = (path) => `ws://127.0.0.1:${server.port}${path}`;
    });
    after(async () => {
      assert.equal(await server.stop(), 0, server.output());
    });

    test("a malformed upgrade (no Sec-WebSocket-Key, wrong version) answers 400 with one log line, and no stack trace", async () => {
      const upgrade = (extra: string) =>
        `GET /ws/detector/detect/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extra}\r\n`;
      for (let i = 0; i < 20; i++) assert.match(await rawStatusLine(server.port, upgrade("Sec-WebSocket-Version: 13\r\n")), /^HTTP\/1\.1 400 /);
      assert.match(await rawStatusLine(server.port, upgrade("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n")), /^HTTP\/1\.1 400 /);
      const client = await connect(ws("/ws/detector/detect/"));
      client.send(BRUCE);
      assert.equal(sameReplyWithin(await client.next(), expected.bruce, 2), undefined);
      client.close();
      const lines = server.output().split("\n").filter((line) => line.includes("Refused a WebSocket upgrade"));
      // 21 refusals within a few seconds: one line (two if the 10 s interval passed under load).
      assert.ok(lines.length >= 1 && lines.length <= 2, lines.join("\n"));
      assert.doesNotMatch(server.output(), /^\s+at /m, "no stack trace in the log");
    });

    test("with and without the trailing slash; text frames echoed verbatim", async () => {
      for (const path of ["/ws/detector/detect/", "/ws/detector/detect"]) {
        const client = await connect(ws(path));
        for (const text of ['{"latency_start": 1718000000123}', "plain text", '{"name": "Jos\u00e9 \u{1F600}"}', ""]) {
          client.send(text);
          assert.equal(await client.next(), text);
        }
        client.send(BRUCE);
        assert.equal(sameReplyWithin(await client.next(), expected.bruce, 2), undefined);
        client.close();
      }
    });

    test("50 pipelined frames (images and echoes) are answered once each, in order", async () => {
      const client = await connect(ws("/ws/detector/detect/"));
      const frames: (Uint8Array | string)[] = [];
      for (let i = 0; i < 50; i++) frames.push(i % 5 === 4 ? `{"latency_start": ${i}}` : [BRUCE, PIXEL, TRIPLE, BRUCE][i % 5] as Uint8Array);
      for (const frame of frames) client.send(frame);
      for (const [i, frame] of frames.entries()) {
        const reply = await client.next();
        if (typeof frame === "string") assert.equal(reply, frame, `reply ${i}`);
        else {
          const want = frame === BRUCE ? expected.bruce : frame === TRIPLE ? expected.triple : expected.pixel;
          assert.equal(sameReplyWithin(reply, want, 2), undefined, `reply ${i}`);
        }
      }
      client.close();
    });

    test("undecodable frames get a JSON error and the connection stays open", async () => {
      const client = await connect(ws("/ws/detector/detect/"));
      for (const bad of [new Uint8Array(0), BRUCE.slice(0, 700), crypto.getRandomValues(new Uint8Array(5000))]) {
        client.send(bad);
        const reply = await client.next();
        assert.match(reply, ERROR_REPLY);
        assert.match(JSON.parse(reply).error, /^Cannot decode the image: /);
        assert.ok(client.open);
      }
      client.send(BRUCE);
      assert.equal(rectNumbers(await client.next()).length, 4);
      client.close();
    });

    test("pose without its task: the reference's stream reply; unknown WebSocket paths are refused", async () => {
      const client = await connect(ws("/ws/openpose/detect/"));
      client.send(BRUCE);
      assert.equal(await client.next(), '{"success": "false", "error": "OpenPose not supported", "server_processing_time": 0}');
      client.close();
      await assert.rejects(connect(ws("/ws/unknown/detect/")), /404/);
    });

    test("20 concurrent clients × 20 frames each all answered correctly", async () => {
      const clients = await Promise.all(Array.from({ length: 20 }, () => connect(ws("/ws/detector/detect/"))));
      await Promise.all(clients.map(async (client, c) => {
        for (let i = 0; i < 20; i++) {
          const image = (c + i) % 2 === 0 ? BRUCE : TRIPLE;
          client.send(image);
          const reply = await client.next();
          assert.equal(sameReplyWithin(reply, image === BRUCE ? expected.bruce : expected.triple, 2), undefined, `client ${c} frame ${i}`);
        }
        client.close();
      }));
    });
  });
}
