/**
 * On-device detection for the browser: one engine per task, loaded when the task is first
 * asked for (face detection's models are small and in the offline copy; the others are fetched
 * and cached on first use). Replies are formatted by the same protocol modules as the server's.
 * @module
 */
import type { Engine, TaskName } from "../../core/engine/types.ts";
import { createEngineLocalDetector, type LocalDetector, type ReplyFormatter } from "../../client/local-detector.ts";
import type { MobiledgeXReply } from "../../client/reply.ts";
import { type BrowserEngineOptions, compileJpegDecoder, createBrowserEngine } from "./browser-engine.ts";
import type { BrowserBackendInfo } from "./wasm-build.ts";

/** Options of {@link createBrowserLocalDetector}. */
export type BrowserLocalDetectorOptions = Omit<BrowserEngineOptions, "tasks"> & {
  /** Reply formatter per task that may run on this device. */
  formatters: Partial<Record<TaskName, ReplyFormatter>>;
};

/** A {@link LocalDetector} whose engines load on demand, plus what they run on. */
export interface BrowserLocalDetector extends LocalDetector {
  /** Loads a task's models now (e.g. at page start) and reports the backend. */
  load(task: TaskName): Promise<BrowserBackendInfo>;
  /** The backend, once any task has loaded. */
  readonly backend: BrowserBackendInfo | undefined;
  /** Frees every loaded engine. */
  dispose(): void;
}

/**
 * Creates the browser's local detector.
 *
 * @param options Model and WASM URLs, build choice and the reply formatters.
 * @returns A detector that loads each task's engine on first use.
 * @example
 * ```ts
 * const local = createBrowserLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", formatters });
 * const backend = await local.load("face-detection"); // { build: "threaded-simd", threads: 2, ... }
 * const reply = await local.detect("face-detection", jpegBytes);
 * ```
 */
export function createBrowserLocalDetector(options: BrowserLocalDetectorOptions): BrowserLocalDetector {
  const { formatters, ...engineOptions } = options;
  const engines = new Map<TaskName, Promise<Engine>>();
  let backend: BrowserBackendInfo | undefined;
  let jpegWasm: Promise<WebAssembly.Module> | undefined;

  const engineFor = (task: TaskName): Promise<Engine> => {
    let engine = engines.get(task);
    if (engine === undefined) {
      jpegWasm ??= engineOptions.jpegWasm !== undefined ? Promise.resolve(engineOptions.jpegWasm) : compileJpegDecoder(engineOptions.wasmUrl);
      jpegWasm.catch(() => (jpegWasm = undefined));
      engine = jpegWasm.then((module) => createBrowserEngine({ ...engineOptions, jpegWasm: module, tasks: [task] })).then((loaded) => {
        backend = loaded.backend;
        return loaded.engine;
      });
      // A failed load (e.g. offline before the models were cached) may succeed later.
      engine.catch(() => engines.delete(task));
      engines.set(task, engine);
    }
    return engine;
  };

  return {
    get backend() {
      return backend;
    },
    supports: (task) => formatters[task] !== undefined,
    load: async (task) => {
      await engineFor(task);
      return backend!;
    },
    detect: async (task: TaskName, image: Uint8Array): Promise<MobiledgeXReply> => {
      const engine = await engineFor(task);
      return await createEngineLocalDetector(engine, formatters).detect(task, image);
    },
    dispose: () => {
      for (const engine of engines.values()) engine.then((e) => e.dispose(), () => undefined);
      engines.clear();
    },
  };
}
