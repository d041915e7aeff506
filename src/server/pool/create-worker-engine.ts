/**
 * Builds a worker's engine from its `init` message; the runtime's worker entry supplies where the
 * models and the WASM binaries are.
 * @module
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createEngine } from "../../core/engine/engine.ts";
import { type Engine, TASK_NAMES } from "../../core/engine/types.ts";
import type { ReadModelFile } from "../../core/inference/model-files.ts";
import type { WasmBackendOptions } from "../../core/inference/wasm-backend.ts";
import { loadThreadedWasmBuild } from "./threaded-wasm-build.ts";
import type { WorkerInit } from "./worker-messages.ts";

/** Where a runtime keeps the model files and the TF.js WASM binaries. */
export interface ModelLocation {
  /** Reads this checkout's models/ (used unless the pool's init names another directory). */
  readModelFile: ReadModelFile;
  /** Opens a model store over another directory (`--model-dir`), given as a `file:` URL ending with a slash. */
  openModelStore: (directory: URL) => ReadModelFile;
  wasmDirectory: string;
  /** Reads the MozJPEG decoder's WASM (faster JPEG decoding); without it the pure-JS decoder runs. */
  readJpegWasm?: () => Promise<Uint8Array>;
}

/**
 * Loads the requested tasks (all tasks of the build when `init.tasks` is undefined).
 *
 * @param init The pool's init message.
 * @param location Model reader and WASM directory of this runtime.
 * @returns The engine.
 */
export async function createWorkerEngine(init: WorkerInit, location: ModelLocation): Promise<Engine> {
  const tasks = init.tasks ?? TASK_NAMES;
  return await createEngine({
    readModelFile: init.modelDir === undefined ? location.readModelFile : location.openModelStore(directoryUrl(init.modelDir)),
    tasks,
    config: init.engineConfig,
    loadOnFirstUse: init.loadOnFirstUse,
    wasm: wasmOptions(location.wasmDirectory, init.threads ?? 1),
    jpegWasm: location.readJpegWasm === undefined ? undefined : await location.readJpegWasm(),
  });
}

/** The WASM backend's options: the threaded build (generated in dist/wasm-threads/) when threads > 1. */
function wasmOptions(wasmDirectory: string, threads: number): WasmBackendOptions {
  return threads > 1 ? { wasmDirectory, threads, threadedBuild: loadThreadedWasmBuild() } : { wasmDirectory };
}

/** `path` (absolute, or relative to the working directory) as a `file:` URL ending with a slash. */
function directoryUrl(path: string): URL {
  const url = pathToFileURL(resolve(path));
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}
