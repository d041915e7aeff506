/**
 * Engine workers as standard module Web Workers, the API Deno and Bun share (Node uses
 * worker_threads, see src/runtime/node/). Both halves: the spawner on the server side and the
 * worker's own entry.
 * @module
 */
/// <reference lib="webworker" />
import { createWorkerEngine, type ModelLocation } from "./create-worker-engine.ts";
import { serveEngineWorker } from "./engine-worker.ts";
import type { WorkerRequest } from "./worker-messages.ts";
import type { SpawnWorker } from "./worker-pool.ts";

/**
 * A {@link SpawnWorker} running `scriptUrl` in a module Web Worker.
 *
 * @param scriptUrl The worker entry: a runtime's `engine-worker.ts`, which calls {@link serveEngineInWebWorker}.
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

/**
 * Runs inside a module Web Worker: answers the pool's messages with an engine built from
 * `location` (this runtime's model reader and WASM directory).
 *
 * @param location Where this runtime keeps the models and the WASM binaries.
 */
export function serveEngineInWebWorker(location: ModelLocation): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
    postMessage(message: unknown): void;
  };
  serveEngineWorker(
    { onMessage: (handler) => (scope.onmessage = (event) => handler(event.data)), postMessage: (reply) => scope.postMessage(reply) },
    (init) => createWorkerEngine(init, location),
  );
}
