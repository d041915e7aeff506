/**
 * Bun: starts engine workers as module Web Workers.
 * @module
 */
import type { SpawnWorker } from "../../server/pool/worker-pool.ts";

/**
 * A {@link SpawnWorker} running `scriptUrl` in a module Web Worker.
 *
 * @param scriptUrl The worker entry (default: this runtime's `engine-worker.ts`).
 * @returns The spawner.
 */
export function createBunWorkerSpawner(scriptUrl: URL = new URL("./engine-worker.ts", import.meta.url)): SpawnWorker {
  return (events) => {
    const worker = new Worker(scriptUrl.href, { type: "module" });
    let exited = false;
    const exit = (reason: string) => {
      if (exited) return;
      exited = true;
      events.onExit(reason);
    };
    worker.onmessage = (event) => events.onMessage(event.data);
    worker.onerror = (event) => {
      // Handled here: without preventDefault the worker's error would also be raised in the main thread.
      event.preventDefault();
      exit(`uncaught error: ${event.message}`);
    };
    worker.onmessageerror = () => exit("unreadable message");
    worker.addEventListener("close", () => exit("the worker closed"));
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      terminate: () => {
        exited = true;
        worker.terminate();
      },
    };
  };
}
