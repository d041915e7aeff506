/**
 * A WorkerPool of real worker threads running the scripted worker (tests/server/fixtures/scripted-worker.mjs,
 * no engine), with small test defaults: one worker, a queue of 4 jobs / 1 MiB, a 5 s job timeout.
 * @module
 */
import { WorkerPool, type WorkerPoolOptions } from "../../src/server/pool/worker-pool.ts";
import { createNodeWorkerSpawner } from "../../src/runtime/node/worker-spawn.ts";

/** Spawns scripted workers (for tests that build a WorkerPool themselves). */
export const spawnScriptedWorker = createNodeWorkerSpawner(new URL("./fixtures/scripted-worker.mjs", import.meta.url));

/**
 * Starts a scripted pool.
 *
 * @param options Overrides of the test defaults.
 * @returns The started pool and the lines it logged (in order).
 */
export async function startScriptedPool(options: Partial<WorkerPoolOptions> = {}): Promise<{ pool: WorkerPool; logs: string[] }> {
  const logs: string[] = [];
  const pool = new WorkerPool({
    size: 1,
    spawnWorker: spawnScriptedWorker,
    init: { tasks: undefined, engineConfig: {} },
    queueLength: 4,
    maxQueuedBytes: 1 << 20,
    jobTimeoutMs: 5_000,
    log: (message) => logs.push(message),
    ...options,
  });
  await pool.start();
  return { pool, logs };
}
