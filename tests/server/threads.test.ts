// WASM threads inside the engine (--threads): on Deno, Node and Bun a server whose worker runs
// TF.js's threaded SIMD build with 2 threads answers exactly as the single-threaded engine does
// (REST replies compared byte for byte, timing value aside), and says so at start-up.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseServerConfig } from "../../src/server/config.ts";
import { inProcessFaceDetection, withoutTime } from "./reference-expectations.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";

const IMAGES = ["Bruce.jpg", "face_triple.jpg", "face_bruce_x_jan.jpg"].map((name) => ({ name, bytes: fixture(name) }));

describe("thread settings", () => {
  const parse = (argv: string[], env: Record<string, string> = {}, cores = 4) =>
    parseServerConfig({ argv, getEnv: (name) => env[name], cores });

  it("default: one thread, one worker per core", () => {
    assert.deepEqual([parse([]).poolSize, parse([]).threads], [4, 1]);
  });

  it("--threads N without a pool size: cores / N workers, at least one", () => {
    assert.deepEqual([parse(["--threads", "2"]).poolSize, parse(["--threads", "2"]).threads], [2, 2]);
    assert.equal(parse([], { EDGEVISION_THREADS: "4" }).poolSize, 1);
    assert.equal(parse(["--threads", "8"]).poolSize, 1);
  });

  it("an explicit pool size is kept", () => {
    const config = parse(["--threads", "2", "--pool-size", "3"]);
    assert.deepEqual([config.poolSize, config.threads], [3, 2]);
  });

  it("refuses a thread count below one", () => {
    assert.throws(() => parse(["--threads", "0"]), /--threads must be an integer ≥ 1/);
  });
});

for (const runtime of RUNTIMES) {
  describe(`--threads 2 on ${runtime}`, { timeout: 240_000 }, () => {
    let server: ServerProcess;
    let singleThreaded: string[] = [];

    before(async () => {
      singleThreaded = await inProcessFaceDetection(IMAGES.map((image) => image.bytes));
      server = await startServer(runtime, ["--tasks", "face-detection", "--pool-size", "1", "--threads", "2", "--tcp-port", "off"]);
    });
    after(async () => {
      await server?.stop();
    });

    it("starts one worker with two WASM threads", async () => {
      // The line follows the "listening" line on stderr.
      for (let i = 0; i < 100 && !server.output().includes("Engine workers"); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(server.output(), /Engine workers: 1 × 2 WASM threads/);
    });

    it("answers as one thread does", async () => {
      for (const [i, image] of IMAGES.entries()) {
        const reply = await post(`${server.base}/detector/detect/`, image.bytes, { "content-type": "image/jpeg" });
        assert.equal(reply.status, 200, reply.text);
        assert.equal(withoutTime(reply.text), withoutTime(singleThreaded[i]!), image.name);
        assert.match(reply.text, /"rects": \[\[/, `${image.name} has faces`);
      }
    });
  });
}
