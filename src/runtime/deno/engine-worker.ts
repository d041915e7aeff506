/**
 * Deno: the entry of one engine worker (a module Web Worker), started by `worker-spawn.ts`.
 * @module
 */
/// <reference lib="webworker" />
import type { WorkerRequest } from "../../server/pool/worker-messages.ts";
import { createWorkerEngine } from "../../server/pool/create-worker-engine.ts";
import { serveEngineWorker } from "../../server/pool/engine-worker.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "./model-store.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: unknown): void;
};
serveEngineWorker(
  { onMessage: (handler) => (scope.onmessage = (event) => handler(event.data)), postMessage: (reply) => scope.postMessage(reply) },
  (init) => createWorkerEngine(init, { readModelFile: createModelStore(), wasmDirectory: WASM_DIRECTORY, readJpegWasm }),
);
