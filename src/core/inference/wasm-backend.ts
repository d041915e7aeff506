/**
 * The only module that sets up the inference runtime: TF.js core on the WASM backend.
 * The location of the `.wasm` binaries is injected by the runtime entry point.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** How to find and run the WASM backend. */
export interface WasmBackendOptions {
  /**
   * Directory (file path in Deno/Node/Bun, URL in a browser) that holds
   * `tfjs-backend-wasm*.wasm`, ending with a slash.
   */
  wasmDirectory: string;
  /** Threads for the threaded build where the runtime allows it (browser with COOP/COEP). */
  threads?: number;
}

/** What the backend reports after start-up. */
export interface WasmBackendInfo {
  backend: string;
  simd: boolean;
  threads: number;
}

/**
 * Initialises TF.js on the WASM backend. TF.js keeps one engine per JS realm, so each worker
 * calls this once; calling it again is harmless.
 *
 * @param options Where the `.wasm` files are and how many threads to ask for.
 * @returns The backend name, whether SIMD is used, and the thread count.
 * @throws {Error} When the WASM backend cannot start.
 */
export async function initWasmBackend(options: WasmBackendOptions): Promise<WasmBackendInfo> {
  if (tf.getBackend() !== "wasm") {
    setWasmPaths(options.wasmDirectory);
    if (options.threads !== undefined && options.threads > 0) setThreadsCount(options.threads);
    const ok = await withoutEmscriptenProcessHandlers(() => tf.setBackend("wasm"));
    if (!ok) throw new Error(`Cannot start the TF.js WASM backend from "${options.wasmDirectory}"`);
    await tf.ready();
    tf.enableProdMode();
  }
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threaded = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  const threads = threaded ? getThreadsCount() : 1;
  return { backend: tf.getBackend(), simd, threads };
}

/** The part of a Node-style `process` (Node, Bun, Deno's compatibility layer) touched below. */
interface ProcessEvents {
  listeners(event: string): unknown[];
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

const PROCESS_ERROR_EVENTS = ["uncaughtException", "unhandledRejection"] as const;

/**
 * Runs `start`, then removes the `uncaughtException` / `unhandledRejection` handlers the
 * Emscripten glue of the WASM backend installs on a Node-style `process`. Those handlers only
 * rethrow, so the process still ends on an uncaught error, but the rethrow makes Node print the
 * glue's one 100 kB minified source line instead of the error. Elsewhere (browsers) it just runs `start`.
 */
async function withoutEmscriptenProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  const events = (globalThis as { process?: Partial<ProcessEvents> }).process;
  if (typeof events?.listeners !== "function" || typeof events.removeListener !== "function") return await start();
  const process = events as ProcessEvents;
  const before = new Map(PROCESS_ERROR_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
  try {
    return await start();
  } finally {
    for (const event of PROCESS_ERROR_EVENTS) {
      for (const listener of process.listeners(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}
