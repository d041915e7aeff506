/**
 * Node: the entry of one engine worker (`worker_threads`), started by `worker-spawn.ts` (built
 * into dist/node/engine-worker.mjs next to the built server).
 * @module
 */
import { parentPort } from "node:worker_threads";
import { createWorkerEngine } from "../../server/pool/create-worker-engine.ts";
import { serveEngineWorker } from "../../server/pool/engine-worker.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../model-store.ts";

if (parentPort === null) throw new Error("engine-worker.ts must run as a worker thread");
const port = parentPort;
serveEngineWorker(
  { onMessage: (handler) => port.on("message", handler), postMessage: (reply) => port.postMessage(reply) },
  (init) => createWorkerEngine(init, { readModelFile: createModelStore(), openModelStore: createModelStore, wasmDirectory: WASM_DIRECTORY, readJpegWasm }),
);
