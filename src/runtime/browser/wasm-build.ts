/**
 * Starts the TF.js WASM backend in a browser page and says which build it runs: the threaded
 * SIMD build needs SharedArrayBuffer, which browsers only give cross-origin isolated pages
 * (COOP `same-origin` + COEP `require-corp`, both sent by the server's static route).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { initWasmBackend } from "../../core/inference/wasm-backend.ts";

/** Which `.wasm` binary runs. */
export type WasmBuild = "threaded-simd" | "simd" | "plain";

/** What to ask for: `auto` takes the threaded build when the page is isolated. */
export type WasmBuildRequest = "auto" | "threaded-simd" | "simd";

/** The backend as it runs. */
export interface BrowserBackendInfo {
  build: WasmBuild;
  threads: number;
  crossOriginIsolated: boolean;
  /** `navigator.hardwareConcurrency`. */
  logicalCores: number;
}

/** Options of {@link startBrowserBackend}. */
export interface BrowserBackendOptions {
  /** URL of the directory with `tfjs-backend-wasm*.wasm`, ending with a slash. */
  wasmDirectory: string;
  /** Default `auto`. */
  build?: WasmBuildRequest;
  /** Threads for the threaded build (default: half of `navigator.hardwareConcurrency`, at least 1). */
  threads?: number;
}

/**
 * Initialises the backend once for this page (TF.js has one engine per JS realm; later calls
 * report the build already running, whatever they ask for).
 *
 * @param options Where the binaries are and which build to use.
 * @returns The build, thread count and isolation state.
 * @throws {Error} When the WASM backend cannot start.
 * @example
 * ```ts
 * const info = await startBrowserBackend({ wasmDirectory: "/static/wasm/" });
 * console.log(info.build, info.threads); // "threaded-simd" 4 on an isolated page
 * ```
 */
export async function startBrowserBackend(options: BrowserBackendOptions): Promise<BrowserBackendInfo> {
  const logicalCores = globalThis.navigator?.hardwareConcurrency ?? 1;
  if (tf.getBackend() !== "wasm" && options.build === "simd") {
    // The backend picks its binary from this flag; forcing it off selects the single-thread SIMD build.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  }
  // Default as TF.js: half the logical cores. Measured on a busy 2-core machine, two threads
  // there were ~10x slower than one (the pool spin-waits for descheduled threads).
  const wanted = options.threads ?? Math.max(1, Math.floor(logicalCores / 2));
  // The threaded binary caps its pool at navigator.hardwareConcurrency / 2 (it assumes two
  // hyper-threads per core), which is 1 thread on a 2-core device. The cap is read once, while
  // the module starts, so the page shows it twice the wanted count for that moment only.
  const restore = raiseCoreCountSeenByWasm(wanted * 2);
  let info;
  try {
    info = await initWasmBackend({ wasmDirectory: options.wasmDirectory, threads: wanted });
  } finally {
    restore();
  }
  const threaded = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  if (options.build === "threaded-simd" && !(threaded && info.simd)) {
    throw new Error(`The threaded SIMD build is not available here (crossOriginIsolated "${String(globalThis.crossOriginIsolated)}")`);
  }
  const build: WasmBuild = info.simd ? (threaded ? "threaded-simd" : "simd") : "plain";
  // The module-level getter reports the pool size the backend really started with.
  const threads = threaded ? getThreadsCount() : 1;
  return { build, threads, crossOriginIsolated: globalThis.crossOriginIsolated === true, logicalCores };
}

function raiseCoreCountSeenByWasm(count: number): () => void {
  const navigator = globalThis.navigator;
  if (navigator === undefined || tf.getBackend() === "wasm" || navigator.hardwareConcurrency >= count) return () => {};
  Object.defineProperty(navigator, "hardwareConcurrency", { value: count, configurable: true });
  return () => {
    // Removing the own property uncovers the real getter on Navigator.prototype again.
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  };
}
