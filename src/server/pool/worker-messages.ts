/**
 * The messages between the {@link WorkerPool} (main thread) and an engine worker. Plain
 * structured-cloneable objects; image bytes travel as transferred `ArrayBuffer`s.
 * @module
 */
import type { EngineConfig } from "../../core/engine/config.ts";
import type { RunOptions, TaskName, TaskResult } from "../../core/engine/types.ts";
import type { EngineTimings } from "../../core/timing/stage-timings.ts";

/** What a worker needs to build its engine; sent as the first message. */
export interface WorkerInit {
  /** Tasks to load; `undefined` = every task the build has. */
  tasks: TaskName[] | undefined;
  /** Engine settings (pixel limit, per-task sections). */
  engineConfig: EngineConfig;
  /** Directory of the model folders; `undefined` = the runtime's default (this checkout's models/). */
  modelDir?: string;
  /** WASM threads per inference (the threaded SIMD build when > 1); default 1. */
  threads?: number;
  /** Tasks whose models load on their first request rather than at start (default: none). */
  loadOnFirstUse?: TaskName[];
}

/** Main thread → worker. */
export type WorkerRequest =
  | { type: "init"; init: WorkerInit }
  | { type: "run"; id: number; task: TaskName; bytes: Uint8Array; options?: RunOptions };

/** Why a job failed, as it crosses the worker boundary. */
export interface WorkerFailure {
  /** `decode`: the bytes are not a usable image; `unavailable`: task not loaded; `internal`: anything else. */
  kind: "decode" | "unavailable" | "internal";
  message: string;
  /** `ImageDecodeError.code` for `decode` failures. */
  code?: string;
}

/**
 * The worker's timing of one job. The clock readings are `performance.timeOrigin +
 * performance.now()` (each thread has its own origin; the sum is comparable across threads).
 */
export interface WorkerJobTiming extends EngineTimings {
  /** When the worker's message handler saw the job. */
  receivedAt: number;
  /** Just before the worker posted its reply. */
  repliedAt: number;
}

/**
 * Milliseconds on a clock shared by every thread of the process (see {@link WorkerJobTiming}).
 *
 * @returns `performance.timeOrigin + performance.now()`.
 */
export function sharedClockNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: "ready"; tasks: TaskName[] }
  | { type: "start-failed"; message: string }
  | { type: "result"; id: number; result: TaskResult; timing: WorkerJobTiming }
  | { type: "error"; id: number; failure: WorkerFailure };
