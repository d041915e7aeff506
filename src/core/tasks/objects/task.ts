/**
 * The `objects` task (its definition: definition.ts).
 * @module
 */
import type { TaskDeps, TaskRunner } from "../task-definition.ts";
import type { ObjectDetectorConfig } from "./objects-config.ts";
import type { ObjectsResult } from "./result.ts";
import { createObjectDetector } from "./object-detector.ts";

/**
 * Loads the object detector with its engine-config `objects` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "objects", objects }`.
 */
export async function loadObjectsTask(deps: TaskDeps<Partial<ObjectDetectorConfig>>): Promise<TaskRunner<Omit<ObjectsResult, "processingMs">>> {
  const detector = await createObjectDetector(deps, deps.config);
  return {
    async run(image, timings) {
      return { task: "objects", objects: await detector.detect(image, timings) };
    },
    warmUp: () => detector.warmUp(),
    dispose: () => detector.dispose(),
  };
}
