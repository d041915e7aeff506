/**
 * Per-request stage timings of the real server under Deno, Node and Bun: REST replies carry a
 * `Server-Timing` header with every stage; `--timing-log on` writes one JSON line per WebSocket and
 * TCP request to stderr while the reply bytes stay exactly the MobiledgeX ones.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { encodeTcpRequest } from "../../src/core/protocol/tcp-codec.ts";
import { REQUEST_STAGES, RequestTimer, serverTimingHeader } from "../../src/server/timing/request-timing.ts";
import { TcpTestClient } from "../tcp/tcp-test-client.ts";
import { withoutTime } from "./reference-expectations.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";

const BRUCE = fixture("Bruce.jpg");

type LoggedTiming = Record<string, number | string>;

function loggedTimings(server: ServerProcess, transport: string): LoggedTiming[] {
  return server.output().split("\n").filter((line) => line.startsWith('{"timing"'))
    .map((line) => (JSON.parse(line) as { timing: LoggedTiming }).timing)
    .filter((timing) => timing.transport === transport);
}

/** Every stage is a finite number ≥ 0, inference ran, and the stages fit in the total. */
function assertConsistent(stages: Record<string, number>, total: number): void {
  let sum = 0;
  for (const [key] of REQUEST_STAGES) {
    const value = stages[key];
    assert.ok(typeof value === "number" && Number.isFinite(value) && value >= 0, `${key} = ${value}`);
    sum += value;
  }
  assert.ok((stages.inferenceMs as number) > 0, "inference was timed");
  assert.ok((stages.decodeMs as number) > 0, "decoding was timed");
  // The transfers are measured on a clock shared by threads; allow its rounding.
  assert.ok(sum <= total + 0.5, `stages ${sum} ms exceed the total ${total} ms`);
}

function wsReply(url: string, bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("error", reject);
    socket.once("open", () => socket.send(bytes));
    socket.once("message", (data) => {
      resolve(data.toString("utf8"));
      socket.close();
    });
  });
}

test("Server-Timing lists the stages in request order, total last", () => {
  const timer = new RequestTimer("face-detection", "rest");
  timer.timing.inferenceMs = 2.5;
  const header = serverTimingHeader(timer.finish());
  const names = header.split(", ").map((metric) => metric.split(";")[0]);
  assert.deepEqual(names, ["recv", "queue", "to-worker", "decode", "pre", "infer", "post", "from-worker", "format", "total"]);
  assert.match(header, /infer;dur=2\.500, /);
});

for (const runtime of RUNTIMES) {
  describe(`request timings on ${runtime}`, () => {
    let server: ServerProcess;
    let tcpPort: number;
    before(async () => {
      server = await startServer(runtime, ["--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "random", "--timing-log", "on"]);
      const match = server.output().match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/);
      assert.ok(match, server.output());
      tcpPort = Number(match[1]);
    });
    after(async () => {
      await server?.stop();
    });

    test("REST: a Server-Timing header with every stage", async () => {
      const reply = await post(`${server.base}/detector/detect/`, BRUCE, { "Content-Type": "image/jpeg" });
      assert.equal(reply.status, 200);
      const header = reply.headers.get("server-timing") ?? "";
      const durations = Object.fromEntries(header.split(", ").map((metric) => {
        const [name, dur] = metric.split(";dur=");
        return [name, Number(dur)];
      }));
      const stages: Record<string, number> = {};
      for (const [key, name] of REQUEST_STAGES) stages[key] = key === "sendMs" ? 0 : durations[name] as number;
      assertConsistent(stages, durations.total as number);
    });

    test("WebSocket and TCP: one timing line each, reply bytes unchanged", async () => {
      const rest = await post(`${server.base}/detector/detect/`, BRUCE, { "Content-Type": "image/jpeg" });
      const ws = await wsReply(`ws://127.0.0.1:${server.port}/ws/detector/detect/`, BRUCE);
      assert.equal(withoutTime(ws), withoutTime(rest.text));
      assert.match(ws, /^\{"success": "true", "server_processing_time": "\d+\.\d{3}", "rects": \[\[\d+, \d+, \d+, \d+\]\]\}$/);
      const client = await TcpTestClient.connect(tcpPort);
      await client.write(encodeTcpRequest(1, BRUCE));
      assert.equal(withoutTime(await client.reply()), withoutTime(rest.text));
      client.close();
      for (const transport of ["websocket", "tcp"]) {
        const deadline = Date.now() + 5_000;
        while (loggedTimings(server, transport).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const [timing] = loggedTimings(server, transport);
        assert.ok(timing, `no ${transport} timing line in:\n${server.output()}`);
        assert.equal(timing.task, "face-detection");
        assert.equal(timing.status, 200);
        assertConsistent(timing as Record<string, number>, timing.totalMs as number);
      }
    });
  });
}
