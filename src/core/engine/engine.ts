/**
 * `createEngine`: loads the configured tasks once and runs (task, image bytes) → result.
 * All state lives in the returned instance, so engines with different configs can coexist.
 * @module
 */
import { createImageDecoder, type JpegWasmSource } from "../image/mod.ts";
import { initWasmBackend, type WasmBackendOptions } from "../inference/wasm-backend.ts";
import type { ReadModelFile } from "../inference/model-files.ts";
import { type EngineConfig, resolveMaxPixels } from "./config.ts";
import type { TaskLoader, TaskRunner } from "../tasks/task-definition.ts";
import { taskDefinition } from "../tasks/registry.ts";
import { TaskUnavailableError } from "./task-unavailable-error.ts";
import type { Engine, RunOptions, TaskName, TaskOutput, TaskResult } from "./types.ts";
import { warmUpTask } from "./warm-up.ts";
import type { EngineTimings } from "../timing/stage-timings.ts";

/** What {@link createEngine} needs. */
export interface EngineOptions {
  /** Reads a file under models/ by its relative path. */
  readModelFile: ReadModelFile;
  /** The tasks to load (only these load their models). */
  tasks: readonly TaskName[];
  /** Engine settings; every section is optional. */
  config?: EngineConfig;
  /** Where the TF.js WASM binaries are; the backend is started once per JS realm. */
  wasm: WasmBackendOptions;
  /**
   * The MozJPEG decoder's WASM (`mozjpeg_dec.wasm` bytes or module, see src/core/image/mod.ts).
   * Without it JPEGs are decoded by the slower pure-JavaScript decoder.
   */
  jpegWasm?: JpegWasmSource;
  /**
   * Warm every loaded task up before returning, as its definition declares (default true): the
   * first requests then run at full speed. Costs a few hundred milliseconds of start-up per heavy
   * task. Tasks never warm themselves up; with `false` nothing does.
   */
  warmUp?: boolean;
  /**
   * Tasks of `tasks` whose models load (and warm up) on their first request instead of at start:
   * start-up is faster and memory is spent only on tasks that are used.
   */
  loadOnFirstUse?: readonly TaskName[];
  /** Loaders to use instead of the registered tasks' own (tests, custom builds). */
  loaders?: Readonly<Partial<Record<TaskName, EngineTaskLoader>>>;
}

/** A task loader as the engine calls it: any config section in, any task's output out. */
// deno-lint-ignore no-explicit-any
export type EngineTaskLoader = TaskLoader<any, TaskOutput>;

/**
 * Starts the WASM backend and loads the models of `options.tasks` (those in
 * `options.loadOnFirstUse` on their first request).
 *
 * @param options Model reader, tasks, config, TF.js WASM location and the optional JPEG WASM.
 * @returns An {@link Engine}. Runs are serialised: the WASM backend is single-threaded.
 * @throws {TaskUnavailableError} When a requested task has no loader in this build.
 * @example
 * ```ts
 * const engine = await createEngine({ readModelFile, tasks: ["face-detection"], wasm: { wasmDirectory } });
 * const result = await engine.run("face-detection", jpegBytes);
 * engine.dispose();
 * ```
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const config: EngineConfig = { ...options.config };
  const maxPixels = resolveMaxPixels(config);
  const loaderOf = (task: TaskName): EngineTaskLoader | undefined =>
    options.loaders === undefined ? taskDefinition(task)?.load as EngineTaskLoader | undefined : options.loaders[task];
  const requested = [...new Set(options.tasks)];
  for (const task of requested) {
    if (loaderOf(task) === undefined) throw new TaskUnavailableError(task, []);
  }
  await initWasmBackend(options.wasm);
  const decoder = await createImageDecoder({ maxPixels, ...(options.jpegWasm ? { jpegWasm: options.jpegWasm } : {}) });

  const deferred = new Set(options.loadOnFirstUse ?? []);
  const runners = new Map<TaskName, TaskRunner<TaskOutput>>();
  const loadTask = async (task: TaskName): Promise<TaskRunner<TaskOutput>> => {
    const runner = await (loaderOf(task) as EngineTaskLoader)({ readModelFile: options.readModelFile, config: config[task] });
    runners.set(task, runner);
    return runner;
  };
  try {
    for (const task of requested) if (!deferred.has(task)) await loadTask(task);
    if (options.warmUp !== false) for (const [task, runner] of runners) await warmUpTask(runner, taskDefinition(task).warmUp);
  } catch (error) {
    for (const runner of runners.values()) runner.dispose();
    throw error;
  }
  const loaded: readonly TaskName[] = Object.freeze([...requested]);
  const pendingLoads = new Map<TaskName, Promise<TaskRunner<TaskOutput>>>();
  let queue: Promise<unknown> = Promise.resolve();

  /** The task's runner, loading (and warming up) a deferred one on its first request. */
  function runnerFor(task: TaskName): Promise<TaskRunner<TaskOutput>> | TaskRunner<TaskOutput> {
    const runner = runners.get(task);
    if (runner !== undefined) return runner;
    if (!deferred.has(task)) throw new TaskUnavailableError(task, loaded);
    let pending = pendingLoads.get(task);
    if (pending === undefined) {
      pending = loadTask(task).then(async (runner) => {
        if (options.warmUp !== false) await warmUpTask(runner, taskDefinition(task).warmUp);
        return runner;
      });
      // A failed load is retried by the next request rather than cached.
      pending.catch(() => pendingLoads.delete(task));
      pendingLoads.set(task, pending);
    }
    return pending;
  }

  async function runNow(task: TaskName, bytes: Uint8Array, timings: EngineTimings | undefined, options: RunOptions | undefined): Promise<TaskResult> {
    if (!runners.has(task) && !deferred.has(task)) throw new TaskUnavailableError(task, loaded);
    // Decoded first: a bad image never makes a deferred model load.
    const decodeStart = performance.now();
    const image = await decoder.decode(bytes);
    const decodeMs = performance.now() - decodeStart;
    const runner = await runnerFor(task);
    const start = performance.now();
    if (timings !== undefined) {
      timings.decodeMs = decodeMs;
      timings.preprocessMs = timings.inferenceMs = timings.postprocessMs = -1;
    }
    const output = await runner.run(image, timings, options);
    const processingMs = performance.now() - start;
    // A task that does not split its work: the whole call counts as inference.
    if (timings !== undefined && timings.inferenceMs < 0) {
      timings.preprocessMs = timings.postprocessMs = 0;
      timings.inferenceMs = processingMs;
    }
    return { ...output, processingMs } as TaskResult;
  }

  return {
    tasks: loaded,
    run(task: TaskName, bytes: Uint8Array, timings?: EngineTimings, options?: RunOptions): Promise<TaskResult> {
      const result = queue.then(() => runNow(task, bytes, timings, options));
      queue = result.catch(() => undefined);
      return result;
    },
    dispose(): void {
      for (const runner of runners.values()) runner.dispose();
      runners.clear();
    },
  };
}
