/**
 * WorkerPool mechanics with real worker threads running a scripted worker (no engine): bounded
 * queue, replacement of dead and stuck workers, failures, transfer of image bytes, shutdown.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { JobFailedError, PoolUnavailableError, QueueFullError, WorkerLostError } from "../../src/server/pool/pool-errors.ts";
import { WorkerPool } from "../../src/server/pool/worker-pool.ts";
import { spawnScriptedWorker as spawnWorker, startScriptedPool } from "./scripted-pool.ts";

const image = (first: number, size = 16) => new Uint8Array(size).fill(first, 0, 1);

const startPool = startScriptedPool;

describe("WorkerPool", () => {
  test("runs jobs on every worker and reports the loaded tasks", async () => {
    const { pool } = await startPool({ size: 3 });
    assert.deepEqual(pool.tasks, ["face-detection"]);
    const results = await Promise.all([10, 20, 30, 40, 50].map((n) => pool.submit("face-detection", image(0, n))));
    assert.deepEqual(results.map((r) => r.processingMs), [10, 20, 30, 40, 50]);
    await pool.close(1000);
  });

  test("a full queue (by count or by bytes) rejects at once with QueueFullError", async () => {
    const { pool } = await startPool({ queueLength: 1, maxQueuedBytes: 100 });
    const running = pool.submit("face-detection", image(4));
    const queued = pool.submit("face-detection", image(4));
    await assert.rejects(pool.submit("face-detection", image(4)), QueueFullError);
    assert.equal((await running).processingMs, 16);
    assert.equal((await queued).processingMs, 16);
    const busy = pool.submit("face-detection", image(4));
    await assert.rejects(pool.submit("face-detection", image(4, 200)), QueueFullError);
    await busy;
    await pool.close(1000);
  });

  test("queue length 0 with one worker: exactly one job at a time", async () => {
    const { pool } = await startPool({ queueLength: 0 });
    const running = pool.submit("face-detection", image(4));
    await assert.rejects(pool.submit("face-detection", image(0)), QueueFullError);
    await running;
    assert.equal((await pool.submit("face-detection", image(0))).processingMs, 16);
    await pool.close(1000);
  });

  test("a worker that dies fails its job with WorkerLostError and is replaced; queued jobs still run", async () => {
    const { pool, logs } = await startPool();
    const dying = pool.submit("face-detection", image(1));
    const queued = pool.submit("face-detection", image(0, 33));
    await assert.rejects(dying, WorkerLostError);
    assert.equal((await queued).processingMs, 33);
    assert.match(logs.join("\n"), /replaced/);
    await pool.close(1000);
  });

  test("a stuck worker is replaced after the job timeout", async () => {
    const { pool } = await startPool({ jobTimeoutMs: 300 });
    await assert.rejects(pool.submit("face-detection", image(2)), /longer than "300" ms/);
    assert.equal((await pool.submit("face-detection", image(0, 7))).processingMs, 7);
    await pool.close(1000);
  });

  test("job failures arrive as JobFailedError with their kind", async () => {
    const { pool } = await startPool();
    const error = await pool.submit("face-detection", image(3)).catch((e) => e);
    assert.ok(error instanceof JobFailedError);
    assert.equal(error.failure.kind, "decode");
    assert.equal(error.failure.code, "unknown-format");
    await pool.close(1000);
  });

  test("image bytes are transferred when they own their buffer, copied when they are a view", async () => {
    const { pool } = await startPool();
    const owned = image(0, 64);
    const pending = pool.submit("face-detection", owned);
    assert.equal(owned.byteLength, 0, "the buffer was transferred, not copied");
    assert.equal((await pending).processingMs, 64);
    const big = new Uint8Array(100).fill(9);
    big[10] = 0;
    const view = big.subarray(10, 30);
    assert.equal((await pool.submit("face-detection", view)).processingMs, 20);
    assert.equal(big.byteLength, 100, "the larger buffer is untouched");
    await pool.close(1000);
  });

  test("a worker that cannot start makes start() fail", async () => {
    const pool = new WorkerPool({
      size: 2, spawnWorker, init: { tasks: ["pose"], engineConfig: {} }, queueLength: 1, maxQueuedBytes: 1, jobTimeoutMs: 1000, log: () => {},
    });
    await assert.rejects(pool.start(), /No pose model here/);
    await assert.rejects(pool.submit("face-detection", image(0)), PoolUnavailableError);
  });

  test("size must be at least 1", () => {
    assert.throws(() => new WorkerPool({ size: 0, spawnWorker, init: { tasks: undefined, engineConfig: {} }, queueLength: 1, maxQueuedBytes: 1, jobTimeoutMs: 1 }), RangeError);
  });

  test("a worker restarts to free its first-use models once they have been unused for unloadIdleMs; face detection alone never restarts it", async () => {
    const init = { tasks: ["face-detection" as const, "objects" as const], engineConfig: {}, loadOnFirstUse: ["objects" as const] };
    const { pool, logs } = await startPool({ init, unloadIdleMs: 100 });
    const workerOf = (result: unknown) => (result as { worker: number }).worker;
    const start = workerOf(await pool.submit("face-detection", image(0)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(workerOf(await pool.submit("face-detection", image(0))), start, "no first-use model loaded: no restart");
    assert.equal(workerOf(await pool.submit("objects", image(0))), start);
    for (let waited = 0; !logs.some((m) => m.includes("restarted to free the models of objects")); waited += 20) {
      assert.ok(waited < 10_000, "the worker was not restarted");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = workerOf(await pool.submit("objects", image(0)));
    assert.notEqual(after, start, "a new worker answers");
    assert.equal(pool.restarts, 0, "an unload is not a failure");
    await pool.close(1000);
  });

  test("close() waits for running and queued jobs, then refuses new ones", async () => {
    const { pool } = await startPool();
    const jobs = [pool.submit("face-detection", image(4)), pool.submit("face-detection", image(4))];
    await pool.close(5_000);
    assert.deepEqual((await Promise.all(jobs)).map((r) => r.processingMs), [16, 16]);
    await assert.rejects(pool.submit("face-detection", image(0)), PoolUnavailableError);
  });
});
