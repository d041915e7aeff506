/**
 * The messages between the {@link WorkerPool} (main thread) and an engine worker. Plain
 * structured-cloneable objects; image bytes travel as transferred `ArrayBuffer`s.
 * @module
 */
import type { EngineConfig } from "../../core/engine/config.ts";
import type { TaskName, TaskResult } from "../../core/engine/types.ts";

/** What a worker needs to build its engine; sent as the first message. */
export interface WorkerInit {
  /** Tasks to load; `undefined` = every task the build has. */
  tasks: TaskName[] | undefined;
  /** Engine settings (pixel limit, per-task sections). */
  engineConfig: EngineConfig;
  /** Directory of the model folders; `undefined` = the runtime's default (this checkout's models/). */
  modelDir?: string;
}

/** Main thread → worker. */
export type WorkerRequest =
  | { type: "init"; init: WorkerInit }
  | { type: "run"; id: number; task: TaskName; bytes: Uint8Array };

/** Why a job failed, as it crosses the worker boundary. */
export interface WorkerFailure {
  /** `decode`: the bytes are not a usable image; `unavailable`: task not loaded; `internal`: anything else. */
  kind: "decode" | "unavailable" | "internal";
  message: string;
  /** `ImageDecodeError.code` for `decode` failures. */
  code?: string;
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: "ready"; tasks: TaskName[] }
  | { type: "start-failed"; message: string }
  | { type: "result"; id: number; result: TaskResult }
  | { type: "error"; id: number; failure: WorkerFailure };
