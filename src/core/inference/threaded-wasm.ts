/**
 * TF.js's threaded SIMD WASM build on servers (Deno, Node, Bun), where tfjs-backend-wasm turns
 * threads off (`WASM_HAS_MULTITHREAD_SUPPORT` is false whenever `process.versions.node` exists) and
 * would load its pthread workers from `blob:` URLs. The runtime injects the Emscripten factory and
 * the pthread worker script that `scripts/build-wasm-threads.mjs` generates; this module registers
 * a "wasm" backend that starts that factory with the wanted thread count.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

/** The generated threaded build, as the runtime loaded it. */
export interface ThreadedWasmBuild {
  /** The Emscripten module factory (`dist/wasm-threads/tfjs-backend-wasm-threaded-simd.cjs`). */
  factory: (config: Record<string, unknown>) => Promise<EmscriptenModule>;
  /** File path of the pthread worker script (`…threaded-simd.worker.cjs`). */
  workerPath: string;
}

/** The part of the Emscripten module the backend calls. */
interface EmscriptenModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => unknown;
  tfjs?: unknown;
}

const WASM_PRIORITY = 2;
const THREADED_SIMD_WASM = "tfjs-backend-wasm-threaded-simd.wasm";

/**
 * Replaces the registered "wasm" backend by one running the threaded SIMD build with `threads`
 * threads per inference. Call before `tf.setBackend("wasm")`.
 *
 * @param build The generated factory and worker script.
 * @param wasmDirectory Directory of `tfjs-backend-wasm-threaded-simd.wasm`, ending with a slash.
 * @param threads Threads per inference (≥ 2): XNNPACK's pool, whose size is capped at half the
 *   cores the backend sees, so it is shown `2 × threads` cores. The calling thread is one of them:
 *   Emscripten starts `threads - 1` pthread workers (measured: XNNPACK creates exactly that many).
 */
export function registerThreadedWasmBackend(build: ThreadedWasmBuild, wasmDirectory: string, threads: number): void {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", async () => {
    const module = await build.factory({
      locateFile: (path: string) => path.endsWith(".worker.js") ? build.workerPath : path.endsWith(".wasm") ? `${wasmDirectory}${THREADED_SIMD_WASM}` : path,
      mainScriptUrlOrBlob: build.workerPath,
      pthreadPoolSize: threads - 1,
      logicalCores: threads * 2,
    });
    // The same bridge tfjs-backend-wasm's own init() builds.
    module.tfjs = {
      init: module.cwrap("init", null, []),
      initWithThreadsCount: module.cwrap("init_with_threads_count", null, ["number"]),
      getThreadsCount: module.cwrap("get_threads_count", "number", []),
      registerTensor: module.cwrap("register_tensor", null, ["number", "number", "number"]),
      disposeData: module.cwrap("dispose_data", null, ["number"]),
      dispose: module.cwrap("dispose", null, []),
    };
    return new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  }, WASM_PRIORITY);
}
