/**
 * The `face-detection` task for the engine registry.
 * @module
 */
import type { TaskDeps, TaskRunner } from "../../engine/task-registry.ts";
import { createFaceDetector } from "./face-detector.ts";

/**
 * Loads the face detector with the engine config's `"face-detection"` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "face-detection", faces }`.
 */
export async function loadFaceDetectionTask(deps: TaskDeps): Promise<TaskRunner> {
  const detector = await createFaceDetector(deps, deps.config["face-detection"]);
  return {
    async run(image) {
      return { task: "face-detection", faces: await detector.detect(image) };
    },
    dispose: () => detector.dispose(),
  };
}
