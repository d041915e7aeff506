/**
 * Node: starts engine workers as `worker_threads`. Node 20 does not run a worker's TypeScript
 * entry through the parent's tsx loader, so each worker starts in `ts-worker-bootstrap.mjs`,
 * which registers tsx and then imports the entry.
 * @module
 */
import { Worker } from "node:worker_threads";
import { SMALL_YOUNG_GENERATION_WORKER_LIMITS } from "../../server/pool/isolate-memory.ts";
import type { SpawnWorker } from "../../server/pool/worker-pool.ts";

const BOOTSTRAP_URL = new URL("./ts-worker-bootstrap.mjs", import.meta.url);

/**
 * A {@link SpawnWorker} running `scriptUrl` in a worker thread.
 *
 * @param scriptUrl The worker entry (default: this runtime's `engine-worker.ts`).
 * @returns The spawner.
 */
export function createNodeWorkerSpawner(scriptUrl: URL = new URL("./engine-worker.ts", import.meta.url)): SpawnWorker {
  return (events) => {
    const worker = new Worker(BOOTSTRAP_URL, { workerData: { entry: scriptUrl.href }, resourceLimits: SMALL_YOUNG_GENERATION_WORKER_LIMITS });
    let exited = false;
    const exit = (reason: string) => {
      if (exited) return;
      exited = true;
      events.onExit(reason);
    };
    worker.on("message", (reply) => events.onMessage(reply));
    worker.on("error", (error: Error) => exit(`uncaught error: ${error?.message ?? String(error)}`));
    worker.on("messageerror", (error) => exit(`unreadable message: ${String(error)}`));
    worker.on("exit", (code) => exit(`exited with code "${code}"`));
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      terminate: () => {
        exited = true;
        worker.terminate().catch(() => undefined);
      },
    };
  };
}
