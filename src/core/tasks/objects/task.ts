/**
 * The `objects` task for the engine registry.
 * @module
 */
import type { TaskDeps, TaskRunner } from "../../engine/task-registry.ts";
import { createObjectDetector } from "./object-detector.ts";

/**
 * Loads the object detector with the engine config's `objects` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "objects", objects }`.
 */
export async function loadObjectsTask(deps: TaskDeps): Promise<TaskRunner> {
  const detector = await createObjectDetector(deps, deps.config.objects);
  return {
    async run(image) {
      return { task: "objects", objects: await detector.detect(image) };
    },
    dispose: () => detector.dispose(),
  };
}
