/**
 * The engine interface, plus the task names and result types (each defined with its task under
 * src/core/tasks/, re-exported here for the engine's users). Results are plain,
 * structured-cloneable objects so they cross worker boundaries unchanged.
 * @module
 */

import type { TaskName, TaskResult } from "../tasks/registry.ts";
import type { EngineTimings } from "../timing/stage-timings.ts";
import type { RunOptions } from "../tasks/task-definition.ts";

export type { TaskName, TaskOutput, TaskResult } from "../tasks/registry.ts";
export { TASK_NAMES } from "../tasks/registry.ts";
export type { Point, Rect } from "../tasks/geometry.ts";
export type { DetectedFace, FaceDetectionResult } from "../tasks/face-detection/result.ts";
export type { EmbeddedFace, FaceEmbeddingResult } from "../tasks/face-recognition/result.ts";
export type { RunOptions } from "../tasks/task-definition.ts";
export type { PoseResult } from "../tasks/pose/result.ts";
export type { DetectedObject, ObjectsResult } from "../tasks/objects/result.ts";

/** Runs loaded tasks on encoded image bytes. One engine per JS realm (worker). */
export interface Engine {
  /** The tasks this engine has loaded. */
  readonly tasks: readonly TaskName[];
  /**
   * Decodes `image` and runs `task` on it.
   * @param timings When given, receives the decode, pre-process, inference and post-process times.
   * @param options Per-job options (e.g. how many faces recognition embeds).
   * @throws {ImageDecodeError} When the bytes are not a decodable image within the limits.
   * @throws {TaskUnavailableError} When the task is not loaded.
   */
  run(task: TaskName, image: Uint8Array, timings?: EngineTimings, options?: RunOptions): Promise<TaskResult>;
  /** Frees every model and tensor. */
  dispose(): void;
}
