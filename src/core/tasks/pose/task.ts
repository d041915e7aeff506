/**
 * The `pose` task (its definition: definition.ts).
 * @module
 */
import type { TaskDeps, TaskRunner } from "../task-definition.ts";
import type { PoseEstimatorConfig } from "./pose-config.ts";
import type { PoseResult } from "./result.ts";
import { createPoseEstimator } from "./pose-estimator.ts";

/**
 * Loads the pose estimator with its engine-config `pose` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "pose", poses }` (BODY_25 keypoints per person).
 */
export async function loadPoseTask(deps: TaskDeps<Partial<PoseEstimatorConfig>>): Promise<TaskRunner<Omit<PoseResult, "processingMs">>> {
  const estimator = await createPoseEstimator(deps, deps.config);
  return {
    async run(image, timings) {
      return { task: "pose", poses: await estimator.estimate(image, timings) };
    },
    warmUp: () => estimator.warmUp(),
    dispose: () => estimator.dispose(),
  };
}
