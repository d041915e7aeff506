/**
 * The fixed-seed fuzz subset on every transport: a few hundred malformed images (truncations, bit
 * flips, wrong magic, huge declared dimensions, bad PNG CRCs and headers, random bytes) over REST,
 * WebSocket and persistent TCP, plus broken Base64 forms and multipart bodies over REST, against
 * the default runtime's server (Deno). Every case must get a well-formed error or a valid reply,
 * never a 500, a lost reply or a stack trace, and the server must stay alive and correct.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { imageCases, restBodyCases } from "../../scripts/fuzz/fuzz-cases.ts";
import { classifyReply } from "../../scripts/soak/classify-reply.ts";
import { ConnectionPool, type SoakTarget, type Transport } from "../../scripts/soak/soak-traffic.ts";
import { fixture, type ServerProcess, startServer } from "../server/server-process.ts";

const SEED = 20261201;
const SOURCES = {
  jpegs: [fixture("frame_240x180.jpg"), fixture("Bruce.jpg"), fixture("jpeg/progressive-restart.jpg")],
  pngs: [fixture("testfile.png"), fixture("single_pixel.png")],
};
const IMAGE_CASES = imageCases(SOURCES, SEED, 120);
const REST_BODIES = restBodyCases(SOURCES, SEED + 1, 60);
const REPLY_TIMEOUT_MS = 60_000;

describe("fuzz subset on REST, WebSocket and TCP (deno server)", { concurrency: false }, () => {
  let server: ServerProcess;
  let target: SoakTarget;
  before(async () => {
    server = await startServer("deno", ["--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "random"]);
    const tcpPort = Number(server.output().match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/)?.[1]);
    target = { host: "127.0.0.1", httpPort: server.port, tcpPort, endpoint: "/detector/detect/" };
  });
  after(async () => {
    assert.equal(await server.stop(), 0, server.output());
  });

  for (const transport of ["rest", "websocket", "tcp"] as Transport[]) {
    it(`${transport}: every malformed image gets a well-formed error or a valid reply`, async () => {
      const pool = new ConnectionPool(transport, target, 1);
      const counts = { ok: 0, rejected: 0 };
      try {
        for (const fuzzCase of IMAGE_CASES) {
          const reply = await pool.send({ bytes: fuzzCase.bytes, contentType: "image/jpeg" }, REPLY_TIMEOUT_MS);
          assert.ok(reply !== undefined, fuzzCase.name);
          const outcome = classifyReply(transport, fuzzCase.valid, reply);
          assert.ok(outcome === "ok" || outcome === "rejected", `${fuzzCase.name}: ${reply.status} ${reply.body.slice(0, 300)}`);
          assert.doesNotMatch(reply.body, /\n\s+at /, `${fuzzCase.name}: stack trace in the reply`);
          counts[outcome]++;
        }
      } finally {
        pool.close();
      }
      assert.ok(counts.rejected > IMAGE_CASES.length / 2, `most cases are refused: ${JSON.stringify(counts)}`);
      assert.ok(counts.ok >= IMAGE_CASES.filter((c) => c.valid).length, `valid sources answered: ${JSON.stringify(counts)}`);
    });
  }

  it("rest: broken Base64 forms and multipart bodies get 4xx replies", async () => {
    const pool = new ConnectionPool("rest", target, 1);
    try {
      for (const body of REST_BODIES) {
        const reply = await pool.send({ bytes: body.body, contentType: body.contentType }, REPLY_TIMEOUT_MS);
        assert.ok(reply !== undefined, body.name);
        const outcome = classifyReply("rest", false, reply);
        assert.ok(outcome === "ok" || outcome === "rejected", `${body.name}: ${reply.status} ${reply.body.slice(0, 300)}`);
        assert.doesNotMatch(reply.body, /\n\s+at /, `${body.name}: stack trace in the reply`);
      }
    } finally {
      pool.close();
    }
  });

  it("the server is still alive and answers a valid frame correctly", async () => {
    assert.equal(server.child.exitCode, null, server.output());
    const response = await fetch(`${server.base}/detector/detect/`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: fixture("Bruce.jpg") });
    assert.match(await response.text(), /^\{"success": "true", "server_processing_time": "[\d.]+", "rects": \[\[\d+, \d+, \d+, \d+\]\]\}$/);
    assert.doesNotMatch(server.output(), /^\s+at /m, "no stack trace in the server log");
  });
});
