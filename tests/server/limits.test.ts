/**
 * Limits and bad input against the real server process under Deno, Node and Bun, started with a
 * tiny pool (1 worker, no queue), a 1 MiB body limit and 2 s request timeout: the full queue
 * answers 503, garbage never hurts the server, slow clients are cut off, SIGTERM finishes
 * in-flight requests.
 */
import assert from "node:assert/strict";
import { connect as connectTcp, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { crc32 } from "../../src/core/checksum/crc32.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";

const BRUCE = fixture("Bruce.jpg");
const BIG_FACE = fixture("face_300x400.jpg");
const MAX_BODY = 1024 * 1024;
const BUSY = '{"success": "false", "error": "Server busy: the request queue is full, try again later"}';
const BUSY_STREAM = '{"success": "false", "error": "Server busy: the request queue is full, try again later", "server_processing_time": 0}';

/** A PNG whose header claims width × height pixels (a decompression-bomb header). */
function pngHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array(25);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, 13);
  ihdr.set([0x49, 0x48, 0x44, 0x52], 4);
  view.setUint32(8, width);
  view.setUint32(12, height);
  ihdr.set([8, 2, 0, 0, 0], 16);
  view.setUint32(21, crc32(ihdr, 4, 21));
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr]);
}

/** A JPEG whose SOF0 claims 65000 × 65000 pixels. */
const HUGE_JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
]);

interface RawOutcome {
  received: string;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
  ms: number;
}

/**
 * Opens a raw TCP connection and writes `text`; resolves when the server closes it, when the
 * received text matches `until`, or after `waitMs`.
 */
function rawExchange(port: number, text: string, waitMs: number, until?: RegExp): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = "";
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closed, ms: Date.now() - started });
    };
    const socket: Socket = connectTcp(port, "127.0.0.1", () => socket.write(text, "latin1"));
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (until?.test(received)) finish(false);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => finish(true));
    const timer = setTimeout(() => finish(false), waitMs);
  });
}

async function healthy(base: string): Promise<void> {
  assert.equal(await (await fetch(`${base}/test/`)).text(), "Valid GET Request to server");
  const reply = await post(`${base}/detector/detect/`, BRUCE, { "content-type": "image/jpeg" });
  assert.equal(reply.status, 200);
  assert.match(reply.text, /"rects": \[\[\d+, \d+, \d+, \d+\]\]/);
}

for (const runtime of RUNTIMES) {
  describe(`limits and bad input on ${runtime}`, () => {
    let server: ServerProcess;
    before(async () => {
      server = await startServer(runtime, [
        "--pool-size", "1", "--queue-length", "0", "--max-body-bytes", String(MAX_BODY),
        "--request-timeout-ms", "2000", "--idle-timeout-ms", "4000", "--max-pixels", "4000000", "--tasks", "face-detection",
      ]);
    });
    after(async () => {
      await server.stop();
    });

    test("a full queue answers REST with 503 JSON + Retry-After and WebSocket with a JSON error", async () => {
      const replies = await Promise.all(Array.from({ length: 8 }, () =>
        post(`${server.base}/detector/detect/`, BIG_FACE, { "content-type": "image/jpeg" })));
      const busy = replies.filter((r) => r.status === 503);
      assert.ok(busy.length >= 1, `some of 8 simultaneous requests should find the queue full: ${replies.map((r) => r.status)}`);
      assert.ok(replies.some((r) => r.status === 200));
      for (const reply of replies) {
        if (reply.status === 503) {
          assert.equal(reply.text, BUSY);
          assert.equal(reply.headers.get("retry-after"), "1");
        } else assert.match(reply.text, /^\{"success": "true", "server_processing_time": "\d+\.\d{3}", "rects": /);
      }
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/detector/detect/`);
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      // A burst finds the one worker busy only if its frames arrive while the first one runs; a
      // loaded machine can spread them out, so up to five bursts (on the same connection).
      const texts: string[] = [];
      let onReply = () => {};
      socket.on("message", (data) => {
        texts.push(String(data));
        onReply();
      });
      for (let burst = 1; burst <= 5 && !texts.includes(BUSY_STREAM); burst++) {
        const replied = new Promise<void>((resolve) => (onReply = () => texts.length === burst * 6 && resolve()));
        for (let i = 0; i < 6; i++) socket.send(BIG_FACE);
        await replied;
      }
      assert.match(texts[0] as string, /^\{"success": "true"/);
      assert.ok(texts.includes(BUSY_STREAM), texts.join("\n"));
      for (const text of texts) assert.ok(text === BUSY_STREAM || text.startsWith('{"success": "true"'), text);
      socket.close();
    });

    test("still healthy after a burst of garbage inputs", async () => {
      const bodies: [string, Uint8Array<ArrayBuffer>, number][] = [
        ["truncated JPEG", BRUCE.slice(0, BRUCE.length / 2), 400],
        ["JPEG header only", BRUCE.slice(0, 200), 400],
        ["random bytes", crypto.getRandomValues(new Uint8Array(4096)), 400],
        ["empty body", new Uint8Array(0), 400],
        ["PNG header claiming 100000×100000", pngHeader(100_000, 100_000), 400],
        ["JPEG header claiming 65000×65000", HUGE_JPEG, 400],
        ["PNG signature only", pngHeader(10, 10).slice(0, 8), 400],
      ];
      for (const [name, body, status] of bodies) {
        const reply = await post(`${server.base}/detector/detect/`, body, { "content-type": "image/png" });
        assert.equal(reply.status, status, `${name}: ${reply.text}`);
        assert.equal(JSON.parse(reply.text).success, "false", name);
      }
      const tooLarge = await rawExchange(
        server.port,
        `POST /detector/detect/ HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: ${MAX_BODY * 2}\r\n\r\n`,
        10_000,
        / bytes$/,
      );
      assert.match(tooLarge.received, /^HTTP\/1\.1 413 /);
      // A body without Content-Length that grows past the limit (the server may reset the upload).
      const chunked = await fetch(`${server.base}/detector/detect/`, {
        method: "POST",
        headers: { "content-type": "image/jpeg" },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(MAX_BODY));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit).then((r) => r.status, () => "reset");
      assert.ok(chunked === 413 || chunked === "reset", String(chunked));
      // An oversized WebSocket message: refused (closed with 1009, or a JSON error); the server lives on.
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/detector/detect/`);
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      const outcome = new Promise<string>((resolve) => {
        socket.once("message", (data) => resolve(String(data)));
        socket.once("close", (code) => resolve(`closed ${code}`));
      });
      socket.send(new Uint8Array(MAX_BODY * 2));
      const result = await outcome;
      assert.ok(result === "closed 1009" || /^\{"success": "false", "error": "Message too large/.test(result), result);
      socket.terminate();
      await healthy(server.base);
    });

    test("slow clients: a stalled body gets 408; silent and slow-header connections do not block others", async () => {
      const stalledBody = await rawExchange(
        server.port,
        "POST /detector/detect/ HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 5000\r\n\r\n\xff\xd8\xff",
        15_000,
        /arrive$/,
      );
      assert.match(stalledBody.received, /^HTTP\/1\.1 408 /);
      assert.ok(stalledBody.ms >= 1500 && stalledBody.ms < 10_000, `408 after ${stalledBody.ms} ms`);
      // 40 connections that never send anything and 40 that stop in the middle of their headers.
      // Bun closes connections that never complete their first request after ~12 s whatever idleTimeout says.
      const waitMs = { node: 8_000, bun: 16_000, deno: 5_000 }[runtime];
      const idlers = [
        ...Array.from({ length: 40 }, () => rawExchange(server.port, "", waitMs)),
        ...Array.from({ length: 40 }, () => rawExchange(server.port, "POST /detector/detect/ HTTP/1.1\r\nHost: x\r\n", waitMs)),
      ];
      await new Promise((resolve) => setTimeout(resolve, 200));
      await healthy(server.base);
      const outcomes = await Promise.all(idlers);
      // Node (headersTimeout) and Bun (idleTimeout) close them;
      // Deno.serve 2.9 has no header or keep-alive timeout (see the README), so they stay open there.
      const closed = outcomes.filter((o) => o.closed).length;
      if (runtime === "deno") assert.equal(closed, 0, "Deno.serve gained a header timeout: enforce it here");
      else assert.equal(closed, outcomes.length, `${closed} of ${outcomes.length} closed`);
      await healthy(server.base);
    });

    test("a silent WebSocket is closed after the idle timeout (4 s here)", async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/detector/detect/`);
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      const started = Date.now();
      const code = await new Promise<number>((resolve) => socket.once("close", (c) => resolve(c)));
      const ms = Date.now() - started;
      assert.equal(code, 1001);
      assert.ok(ms >= 3_500 && ms < 12_000, `closed after ${ms} ms`);
    });

    test("SIGTERM finishes the in-flight request, then the process exits 0", async () => {
      const inFlight = post(`${server.base}/detector/detect/`, BIG_FACE, { "content-type": "image/jpeg" });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const exit = server.stop();
      const reply = await inFlight;
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.text, /^\{"success": "true"/);
      assert.equal(await exit, 0, server.output());
    });
  });
}
