/**
 * The `face-detection` task (its definition: definition.ts).
 * @module
 */
import type { TaskDeps, TaskRunner } from "../task-definition.ts";
import type { FaceDetectionConfig } from "./config.ts";
import type { FaceDetectionResult } from "./result.ts";
import { createFaceDetector } from "./face-detector.ts";

/**
 * Loads the face detector with its engine-config `"face-detection"` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "face-detection", faces }`.
 */
export async function loadFaceDetectionTask(deps: TaskDeps<FaceDetectionConfig>): Promise<TaskRunner<Omit<FaceDetectionResult, "processingMs">>> {
  const detector = await createFaceDetector(deps, deps.config);
  return {
    async run(image, timings) {
      return { task: "face-detection", faces: await detector.detect(image, timings) };
    },
    warmUp: () => detector.warmUp(),
    dispose: () => detector.dispose(),
  };
}
