/**
 * The `pose` task: MoveNet → OpenPose BODY_25 → `/openpose/detect/`, TCP opcode 3.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import type { PoseEstimatorConfig } from "./pose-config.ts";
import { formatPoseReply } from "./reply.ts";
import type { PoseResult } from "./result.ts";

/** The pose task's definition. */
export const poseTask = defineTask<"pose", Partial<PoseEstimatorConfig>, PoseResult>({
  name: "pose",
  label: "Pose",
  endpoint: "/openpose/detect/",
  tcpOpcode: 3,
  load: async (deps) => (await import("./task.ts")).loadPoseTask(deps),
  formatReply: formatPoseReply,
  unsupported: { rest: "OpenPose not supported on this server", stream: "OpenPose not supported" },
  referenceNeedsGpu: true,
});
