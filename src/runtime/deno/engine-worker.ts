/**
 * Deno: the entry of one engine worker (a module Web Worker), started by `worker-spawn.ts`.
 * @module
 */
import { serveEngineInWebWorker } from "../../server/pool/web-worker.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../model-store.ts";

serveEngineInWebWorker({ readModelFile: createModelStore(), openModelStore: createModelStore, wasmDirectory: WASM_DIRECTORY, readJpegWasm });
