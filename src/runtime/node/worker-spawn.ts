/**
 * Node: starts engine workers as `worker_threads`. Workers inherit the parent's `execArgv`, so
 * the `tsx` loader the server runs under also loads the worker's TypeScript.
 * @module
 */
import { Worker } from "node:worker_threads";
import type { SpawnWorker } from "../../server/pool/worker-pool.ts";

/**
 * A {@link SpawnWorker} running `scriptUrl` in a worker thread.
 *
 * @param scriptUrl The worker entry (default: this runtime's `engine-worker.ts`).
 * @returns The spawner.
 */
export function createNodeWorkerSpawner(scriptUrl: URL = new URL("./engine-worker.ts", import.meta.url)): SpawnWorker {
  return (events) => {
    const worker = new Worker(scriptUrl);
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
