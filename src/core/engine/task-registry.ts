/**
 * Where each task's loader is registered. A loader gets the model reader and the engine config and
 * returns a {@link TaskRunner}; the engine only calls the loaders of the tasks it is asked to load.
 * Task owners add one line each to {@link TASK_LOADERS}.
 * @module
 */
import type { DecodedImage } from "../image/mod.ts";
import type { ReadModelFile } from "../inference/model-files.ts";
import type { EngineConfig } from "./config.ts";
import type { TaskName, TaskResult } from "./types.ts";
import { loadFaceDetectionTask } from "../tasks/face-detection/task.ts";
import { loadFaceRecognitionTask } from "../tasks/face-recognition/task.ts";
import { loadPoseTask } from "../tasks/pose/task.ts";
import { loadObjectsTask } from "../tasks/objects/task.ts";

/** What a task loader receives. */
export interface TaskDeps {
  /** Reads a file under models/ by its relative path. */
  readModelFile: ReadModelFile;
  /** The whole engine config; a task reads its own section and fills defaults into a copy. */
  config: EngineConfig;
}

/** A task's result before the engine adds the timing. */
export type TaskOutput = TaskResult extends infer R ? R extends TaskResult ? Omit<R, "processingMs"> : never : never;

/** A loaded task. */
export interface TaskRunner {
  /** Runs the task on a decoded image. */
  run(image: DecodedImage): Promise<TaskOutput>;
  /** Frees the task's models. */
  dispose(): void;
}

/** Loads a task's models. */
export type TaskLoader = (deps: TaskDeps) => Promise<TaskRunner>;

/** The loader of every task this build can run. */
export const TASK_LOADERS: Readonly<Partial<Record<TaskName, TaskLoader>>> = {
  // one line per task, e.g. "pose": loadPoseTask,
  "face-detection": loadFaceDetectionTask,
  "face-recognition": loadFaceRecognitionTask,
  pose: loadPoseTask,
  objects: loadObjectsTask,
};
