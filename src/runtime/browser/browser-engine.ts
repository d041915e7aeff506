/**
 * The browser's engine: the same `createEngine` and task modules the server runs, with model
 * files fetched over HTTP and the WASM build chosen for this page.
 * @module
 */
import type { EngineConfig } from "../../core/engine/config.ts";
import { createEngine } from "../../core/engine/engine.ts";
import type { Engine, TaskName } from "../../core/engine/types.ts";
import { createFetchModelReader } from "./fetch-model-reader.ts";
import { type BrowserBackendInfo, startBrowserBackend, type WasmBuildRequest } from "./wasm-build.ts";

/** Options of {@link createBrowserEngine}. */
export interface BrowserEngineOptions {
  /** URL of the models directory, ending with a slash. */
  modelsUrl: string;
  /** URL of the directory with the `.wasm` binaries, ending with a slash. */
  wasmUrl: string;
  /** Tasks to load (default: face detection). */
  tasks?: readonly TaskName[];
  /** `auto` (default), `threaded-simd` or `simd` (single thread). */
  build?: WasmBuildRequest;
  /** Threads for the threaded build (default: half the logical cores, at least 1). */
  threads?: number;
  config?: EngineConfig;
  /**
   * The compiled MozJPEG decoder (shared between engines); by default it is compiled from
   * `<wasmUrl>mozjpeg_dec.wasm`, the same decoder the server uses.
   */
  jpegWasm?: WebAssembly.Module;
}

/** An engine and the backend it runs on. */
export interface BrowserEngine {
  engine: Engine;
  backend: BrowserBackendInfo;
}

/**
 * Starts the backend (once per page) and loads the tasks' models.
 *
 * @param options Where models and binaries are, which tasks and which build.
 * @returns The engine and the backend description (build, threads).
 * @throws {Error} When the backend cannot start or a model cannot be fetched.
 * @example
 * ```ts
 * const { engine, backend } = await createBrowserEngine({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/" });
 * const result = await engine.run("face-detection", jpegBytes);
 * ```
 */
export async function createBrowserEngine(options: BrowserEngineOptions): Promise<BrowserEngine> {
  const base = globalThis.location?.href;
  const wasmDirectory = new URL(options.wasmUrl, base).href;
  const backendOptions = options.threads === undefined
    ? { wasmDirectory, build: options.build ?? "auto" }
    : { wasmDirectory, build: options.build ?? "auto", threads: options.threads };
  const backend = await startBrowserBackend(backendOptions);
  const engine = await createEngine({
    readModelFile: createFetchModelReader(new URL(options.modelsUrl, base).href),
    tasks: options.tasks ?? ["face-detection"],
    wasm: { wasmDirectory },
    jpegWasm: options.jpegWasm ?? await compileJpegDecoder(options.wasmUrl),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  return { engine, backend };
}

/**
 * Fetches and compiles `mozjpeg_dec.wasm` from the WASM directory.
 *
 * @param wasmUrl URL of the directory with the `.wasm` binaries, ending with a slash.
 * @returns The compiled module, to pass as `jpegWasm` to several engines.
 * @throws {Error} When it cannot be fetched or compiled.
 */
export async function compileJpegDecoder(wasmUrl: string): Promise<WebAssembly.Module> {
  const url = new URL("mozjpeg_dec.wasm", new URL(wasmUrl, globalThis.location?.href));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot fetch "${url.href}": HTTP ${response.status}`);
  return await WebAssembly.compile(await response.arrayBuffer());
}
