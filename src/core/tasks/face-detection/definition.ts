/**
 * The `face-detection` task: BlazeFace → `/detector/detect/`, TCP opcode 1.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { CAMERA_AND_PHOTO_FRAMES } from "../warm-up-frames.ts";
import { oneOf } from "../../settings/parsers.ts";
import { setting } from "../../settings/setting.ts";
import { DEFAULT_FACE_DETECTION_CONFIG, type FaceDetectionConfig, type FaceDetectionModel } from "./config.ts";
import { formatFaceDetectionReply } from "./reply.ts";
import type { FaceDetectionResult } from "./result.ts";

/** Server settings of face detection. */
const settings = {
  faceModel: setting({
    flag: "--face-model",
    aliases: ["--model"],
    env: "EDGEVISION_FACE_MODEL",
    default: DEFAULT_FACE_DETECTION_CONFIG.model,
    parse: oneOf<FaceDetectionModel>("short", "full"),
    help: "face detector: short (camera frames) or full (group photos, small faces)",
  }),
};

/** The face-detection task's definition. */
export const faceDetectionTask = defineTask<"face-detection", FaceDetectionConfig, FaceDetectionResult, typeof settings>({
  name: "face-detection",
  label: "Faces",
  endpoint: "/detector/detect/",
  tcpOpcode: 1,
  load: async (deps) => (await import("./task.ts")).loadFaceDetectionTask(deps),
  formatReply: formatFaceDetectionReply,
  unsupported: { rest: "Face detection not supported on this server", stream: "Face detection not supported" },
  referenceNeedsGpu: false,
  warmUp: { frames: CAMERA_AND_PHOTO_FRAMES },
  settings,
  engineConfig: (values) => ({ model: values.faceModel }),
});
