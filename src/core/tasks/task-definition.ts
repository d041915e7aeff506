/**
 * The task contract: what one task folder (`src/core/tasks/<task>/`) exports as its definition.
 * Everything else that knows about tasks (engine, server endpoints and replies, TCP opcodes,
 * capabilities, browser formatters) is derived from the definitions listed in `registry.ts`.
 * This module imports no task and no registry, so tasks never import what imports them.
 * @module
 */
import type { DecodedImage } from "../image/mod.ts";
import type { ReadModelFile } from "../inference/model-files.ts";
import type { SettingsTable, SettingsValues } from "../settings/setting.ts";
import type { StageTimings } from "../timing/stage-timings.ts";
import type { FrameSize } from "./warm-up-frames.ts";

/** What a task loader receives. */
export interface TaskDeps<Config> {
  /** Reads a file under models/ by its relative path. */
  readModelFile: ReadModelFile;
  /** The task's own section of the engine config (absent when not configured); defaults are filled into a copy. */
  config: Config | undefined;
}

/** Per-job options; a task ignores the ones that are not its own. */
export interface RunOptions {
  /** How many faces (best first) `face-recognition` embeds; default 1 (the MobiledgeX reply needs one). */
  embedFaces?: number;
}

/** A loaded task. */
export interface TaskRunner<Output> {
  /**
   * Runs the task on a decoded image.
   * @param timings When given, receives the time of each stage (tasks that do not split their
   *   work leave it alone; the engine then counts the whole call as inference).
   * @param options The job's options (a task reads only its own).
   */
  run(image: DecodedImage, timings?: StageTimings, options?: RunOptions): Promise<Output>;
  /**
   * The task's own warm-up, for what runs on the definition's frames cannot reach (a graph's
   * first execution per input shape, post-processing with many candidates). Only the engine calls
   * it (before those frames, when it warms the task up); a task never warms itself up when loaded.
   */
  warmUp?(): void | Promise<void>;
  /** Frees the task's models. */
  dispose(): void;
}

/** Loads a task's models. */
export type TaskLoader<Config, Output> = (deps: TaskDeps<Config>) => Promise<TaskRunner<Output>>;

/** The base every task result has: its name and the engine's timing. */
export interface TaskResultBase<Name extends string> {
  task: Name;
  /** Milliseconds from after decoding to the end of post-processing (added by the engine). */
  processingMs: number;
}

/** How a server without the task answers (the reference's wording: REST, then WebSocket/TCP). */
export interface UnsupportedTexts {
  /** REST 501 text, e.g. `OpenPose not supported on this server`. */
  rest: string;
  /** WebSocket / TCP text, e.g. `OpenPose not supported`. */
  stream: string;
}

/** How the engine warms a task up before its first request (at start, or on first use). */
export interface TaskWarmUp {
  /** Sizes of the synthetic frames the engine runs the task on, in order, after the runner's own `warmUp()`. */
  readonly frames: readonly FrameSize[];
}

/**
 * One task, in one place.
 *
 * @typeParam Name The task name (`TaskName` is the union of the registered ones).
 * @typeParam Config The task's section of the engine config.
 * @typeParam Result What the engine returns for it (`{ task, processingMs, ... }`, structured-cloneable).
 * @typeParam Settings The rows it adds to the server's settings table (flags, env vars, defaults).
 */
export interface TaskDefinition<
  Name extends string,
  Config,
  Result extends TaskResultBase<Name>,
  // deno-lint-ignore ban-types
  Settings extends SettingsTable = {},
> {
  /** Task name; also the key of its engine-config section. */
  readonly name: Name;
  /** A short human name (the demo page's task button), e.g. `Pose`. */
  readonly label: string;
  /** MobiledgeX REST path with its trailing slash; the WebSocket path is `/ws` + this. */
  readonly endpoint: string;
  /** Persistent-TCP opcode (§6). */
  readonly tcpOpcode: number;
  /** Loads the models and returns the runner (import the heavy modules lazily). */
  readonly load: TaskLoader<Config, Omit<Result, "processingMs">>;
  /**
   * Result → MobiledgeX JSON text. Absent when the reply needs more than the result (recognition
   * needs the server's gallery and gets its formatter from the server); such a task does not run
   * on the device either.
   */
  readonly formatReply?: (result: Result) => string;
  /** The reference's "not supported" texts for a server without this task. */
  readonly unsupported: UnsupportedTexts;
  /**
   * The reference needed a GPU for it: `/server/capabilities/` reports `gpu_support: true` only
   * when every such task is loaded (the reference web demo enables those buttons on it).
   */
  readonly referenceNeedsGpu: boolean;
  /** What the engine runs before the task's first request (the task never warms itself up). */
  readonly warmUp: TaskWarmUp;
  /** Settings rows the task contributes to the server (`--face-model`, …); keys must be unique across tasks. */
  readonly settings: Settings;
  /** The task's engine-config section from its settings' values (what a server passes to its workers); absent: none. */
  readonly engineConfig?: (values: SettingsValues<Settings>) => Config;
}

/** Any task definition (for code that handles every task alike). */
// deno-lint-ignore no-explicit-any
export type AnyTaskDefinition = TaskDefinition<string, any, any, any>;

/** The engine-config section type of a definition. */
export type ConfigOf<D> = D extends { readonly engineConfig?: (values: never) => infer C } ? C : never;

/** The result type of a definition. */
export type ResultOf<D> = D extends { readonly formatReply?: (result: infer R) => string } ? R : never;

/** The settings rows of a definition. */
export type SettingsOf<D> = D extends { readonly settings: infer S } ? S : never;

/**
 * Declares a task (returns it frozen, typed).
 *
 * @param definition The task's facts and functions.
 * @returns The same definition, frozen.
 * @example
 * ```ts
 * export const handsTask = defineTask<"hands", HandsConfig, HandsResult>({ name: "hands", endpoint: "/hands/detect/", ... });
 * ```
 */
// deno-lint-ignore ban-types
export function defineTask<Name extends string, Config, Result extends TaskResultBase<Name>, Settings extends SettingsTable = {}>(
  definition: TaskDefinition<Name, Config, Result, Settings>,
): TaskDefinition<Name, Config, Result, Settings> {
  return Object.freeze({
    ...definition,
    unsupported: Object.freeze({ ...definition.unsupported }),
    warmUp: Object.freeze({ frames: Object.freeze([...definition.warmUp.frames]) }),
  });
}
