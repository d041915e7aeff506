/**
 * Engine workers as standard module Web Workers, the API Deno and Bun share (Node uses
 * worker_threads, see src/runtime/node/): the server's side. The worker's entry is `web-worker.ts`.
 * @module
 */
/// <reference lib="webworker" />
import type { SpawnWorker } from "./worker-pool.ts";

/**
 * A {@link SpawnWorker} running `scriptUrl` in a module Web Worker.
 *
 * @param scriptUrl The worker entry: a runtime's `engine-worker.ts`, which calls `serveEngineInWebWorker` (web-worker.ts).
 * @returns The spawner.
 */
export function createWebWorkerSpawner(scriptUrl: URL): SpawnWorker {
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
