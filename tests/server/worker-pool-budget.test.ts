/**
 * The pool's memory rules with real worker threads running a scripted worker (no engine): images
 * over the pixel limit never reach a worker, the in-flight pixel budget holds jobs back even
 * when a worker is free, and heavy tasks go only to the workers that run them.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { JobFailedError, QueueFullError } from "../../src/server/pool/pool-errors.ts";
import type { WorkerPoolOptions } from "../../src/server/pool/worker-pool.ts";
import { startScriptedPool } from "./scripted-pool.ts";
import { withDeclaredJpegSize } from "../../scripts/memory/hostile-inputs.ts";

const BRUCE = new Uint8Array(readFileSync(new URL("../fixtures/Bruce.jpg", import.meta.url)));
/** A JPEG header declaring width × height (the scripted worker answers it after 150 ms). */
const jpeg = (width: number, height: number) => withDeclaredJpegSize(BRUCE, width, height);

const startPool = async (options: Partial<WorkerPoolOptions>) => (await startScriptedPool(options)).pool;

describe("WorkerPool memory rules", () => {
  test("an image declaring more than maxPixels is refused from its header; no worker sees it", async () => {
    const pool = await startPool({ maxPixels: 4_194_304 });
    // The scripted worker would answer this JPEG successfully: the refusal comes from the main thread.
    await assert.rejects(pool.submit("face-detection", jpeg(6324, 6324)), (error: unknown) => {
      assert.ok(error instanceof JobFailedError);
      assert.equal(error.failure.kind, "decode");
      assert.equal(error.failure.code, "too-large");
      assert.equal(error.message, "Image is too large: 6324x6324 is 39992976 pixels, above the limit of 4194304");
      return true;
    });
    assert.equal(pool.inFlightPixels, 0);
    assert.equal((await pool.submit("face-detection", jpeg(2048, 2048))).processingMs, BRUCE.byteLength);
    await pool.close(1000);
  });

  test("a job that would pass the in-flight pixel budget waits though a worker is free", async () => {
    const pool = await startPool({ size: 2, maxInFlightPixels: 640 * 480 + 320 * 240, queueLength: 0 });
    const first = pool.submit("face-detection", jpeg(640, 480));
    assert.equal(pool.inFlightPixels, 640 * 480);
    // Does not fit beside the first: with no queue it is refused as "busy", never started.
    await assert.rejects(pool.submit("face-detection", jpeg(640, 480)), QueueFullError);
    // A small one fits beside it and runs on the second worker.
    const small = pool.submit("face-detection", jpeg(320, 240));
    assert.equal(pool.inFlightPixels, 640 * 480 + 320 * 240);
    await Promise.all([first, small]);
    assert.equal(pool.inFlightPixels, 0);
    await pool.close(1000);
  });

  test("with a queue, the job over budget runs after the running one finishes", async () => {
    const pool = await startPool({ size: 2, maxInFlightPixels: 640 * 480, queueLength: 2 });
    const finished: string[] = [];
    const a = pool.submit("face-detection", jpeg(640, 480)).then(() => finished.push("a"));
    const b = pool.submit("face-detection", jpeg(640, 480)).then(() => finished.push("b"));
    assert.equal(pool.inFlightPixels, 640 * 480);
    await Promise.all([a, b]);
    assert.deepEqual(finished, ["a", "b"]);
    await pool.close(1000);
  });

  test("heavy tasks go only to the workers that run them; face detection to every worker", async () => {
    const pool = await startPool({
      size: 2,
      init: (index) => ({ tasks: index === 0 ? ["face-detection", "objects"] : ["face-detection"], engineConfig: {} }),
    });
    assert.deepEqual([...pool.tasks].sort(), ["face-detection", "objects"]);
    const workerOf = async (task: "objects" | "face-detection") => ((await pool.submit(task, jpeg(64, 64))) as unknown as { worker: number }).worker;
    const objectWorkers = new Set(await Promise.all([workerOf("objects"), workerOf("objects"), workerOf("objects")]));
    assert.equal(objectWorkers.size, 1);
    const faceWorkers = new Set(await Promise.all([workerOf("face-detection"), workerOf("face-detection")]));
    assert.equal(faceWorkers.size, 2);
    await pool.close(1000);
  });
});
