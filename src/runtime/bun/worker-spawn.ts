/**
 * Bun: starts engine workers as module Web Workers running this folder's `engine-worker.ts`.
 * @module
 */
import { createWebWorkerSpawner } from "../../server/pool/web-worker-spawner.ts";
import type { SpawnWorker } from "../../server/pool/worker-pool.ts";

/**
 * A {@link SpawnWorker} running `scriptUrl` in a module Web Worker.
 *
 * @param scriptUrl The worker entry (default: this runtime's `engine-worker.ts`).
 * @returns The spawner.
 */
export function createBunWorkerSpawner(scriptUrl: URL = new URL("./engine-worker.ts", import.meta.url)): SpawnWorker {
  return createWebWorkerSpawner(scriptUrl);
}
