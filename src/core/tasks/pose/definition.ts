/**
 * The `pose` task: MoveNet → OpenPose BODY_25 → `/openpose/detect/`, TCP opcode 3.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { CAMERA_AND_PHOTO_FRAMES } from "../warm-up-frames.ts";
import { inputSize, oneOf } from "../../settings/parsers.ts";
import { setting } from "../../settings/setting.ts";
import { DEFAULT_POSE_ESTIMATOR_CONFIG, type PoseEstimatorConfig, type PoseModelName } from "./pose-config.ts";
import { formatPoseReply } from "./reply.ts";
import type { PoseResult } from "./result.ts";

/** Server settings of pose estimation. */
const settings = {
  poseModel: setting({
    flag: "--pose-model",
    env: "EDGEVISION_POSE_MODEL",
    default: DEFAULT_POSE_ESTIMATOR_CONFIG.model,
    parse: oneOf<PoseModelName>("multipose", "lightning"),
    help: "pose: multipose (up to 6 people) or lightning (1 person, faster)",
  }),
  poseInputSize: setting<[number, number] | undefined>({
    flag: "--pose-input-size",
    env: "EDGEVISION_POSE_INPUT_SIZE",
    default: undefined,
    defaultText: "128x160",
    parse: inputSize,
    help: "pose network input HxW (multiples of 32; portrait swaps): speed/accuracy switch, see docs/pose-and-objects.md",
  }),
};

/** The pose task's definition. */
export const poseTask = defineTask<"pose", Partial<PoseEstimatorConfig>, PoseResult, typeof settings>({
  name: "pose",
  label: "Pose",
  endpoint: "/openpose/detect/",
  tcpOpcode: 3,
  load: async (deps) => (await import("./task.ts")).loadPoseTask(deps),
  formatReply: formatPoseReply,
  unsupported: { rest: "OpenPose not supported on this server", stream: "OpenPose not supported" },
  referenceNeedsGpu: true,
  warmUp: { frames: CAMERA_AND_PHOTO_FRAMES },
  settings,
  engineConfig: (values) => (values.poseInputSize === undefined ? { model: values.poseModel } : { model: values.poseModel, inputSize: values.poseInputSize }),
});
