/**
 * Engine workers as standard module Web Workers, the API Deno and Bun share (Node uses
 * worker_threads, see src/runtime/node/): the worker's own entry. The server's side is
 * `web-worker-spawner.ts` (kept apart so the main thread does not load the engine's modules).
 * @module
 */
/// <reference lib="webworker" />
import { createWorkerEngine, type ModelLocation } from "./create-worker-engine.ts";
import { serveEngineWorker } from "./engine-worker.ts";
import type { WorkerRequest } from "./worker-messages.ts";

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
