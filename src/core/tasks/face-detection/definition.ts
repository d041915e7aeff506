/**
 * The `face-detection` task: BlazeFace → `/detector/detect/`, TCP opcode 1.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import type { FaceDetectionConfig } from "./config.ts";
import { formatFaceDetectionReply } from "./reply.ts";
import type { FaceDetectionResult } from "./result.ts";

/** The face-detection task's definition. */
export const faceDetectionTask = defineTask<"face-detection", FaceDetectionConfig, FaceDetectionResult>({
  name: "face-detection",
  label: "Faces",
  endpoint: "/detector/detect/",
  tcpOpcode: 1,
  load: async (deps) => (await import("./task.ts")).loadFaceDetectionTask(deps),
  formatReply: formatFaceDetectionReply,
  unsupported: { rest: "Face detection not supported on this server", stream: "Face detection not supported" },
  referenceNeedsGpu: false,
});
