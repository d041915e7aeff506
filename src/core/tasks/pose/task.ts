/**
 * The `pose` task for the engine registry.
 * @module
 */
import type { TaskDeps, TaskRunner } from "../../engine/task-registry.ts";
import { createPoseEstimator } from "./pose-estimator.ts";

/**
 * Loads the pose estimator with the engine config's `pose` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "pose", poses }` (BODY_25 keypoints per person).
 */
export async function loadPoseTask(deps: TaskDeps): Promise<TaskRunner> {
  const estimator = await createPoseEstimator(deps, deps.config.pose);
  return {
    async run(image) {
      return { task: "pose", poses: await estimator.estimate(image) };
    },
    dispose: () => estimator.dispose(),
  };
}
