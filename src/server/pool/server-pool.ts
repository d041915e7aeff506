/**
 * The server's worker pool, created and started from its configuration. A runtime entry starts it
 * before it loads the rest of the server, so the workers load and warm up their models while the
 * main thread loads Hono, the routes and the plugins.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import type { ServerConfig } from "../config.ts";
import { workerInitFor } from "./task-placement.ts";
import { type SpawnWorker, WorkerPool } from "./worker-pool.ts";

/** A pool whose workers are starting. */
export interface StartingPool {
  pool: WorkerPool;
  /**
   * Settles once every worker has loaded its models (the tasks they run), or rejects when one
   * could not start (the pool has then closed itself). Already marked handled: a rejection before
   * anyone awaits it is not an unhandled rejection.
   */
  ready: Promise<readonly TaskName[]>;
}

/**
 * Creates the server's pool (size, per-worker tasks, queue and memory limits from `config`) and
 * starts its workers without waiting for them.
 *
 * @param config Server settings.
 * @param spawnWorker Starts one engine worker in this runtime.
 * @returns The pool and the promise of its workers being ready.
 * @example
 * ```ts
 * const { pool, ready } = startServerPool(config, createNodeWorkerSpawner());
 * await ready; // the workers have loaded their models
 * ```
 */
export function startServerPool(config: ServerConfig, spawnWorker: SpawnWorker): StartingPool {
  const pool = new WorkerPool({
    size: config.poolSize,
    spawnWorker,
    init: (index) => workerInitFor(config, index),
    maxPixels: config.maxPixels,
    maxInFlightPixels: config.maxInFlightPixels,
    queueLength: config.queueLength,
    maxQueuedBytes: config.maxQueuedBytes,
    jobTimeoutMs: config.jobTimeoutMs,
    unloadIdleMs: config.unloadIdleS * 1000,
  });
  const ready = pool.start();
  ready.catch(() => undefined);
  return { pool, ready };
}
