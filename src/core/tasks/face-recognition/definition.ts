/**
 * The `face-recognition` task: detect, align and embed the first face → `/recognizer/predict/`,
 * TCP opcode 2. Its reply needs the enrolled gallery, so the server supplies the formatter
 * (src/server/recognition/) and the task does not run on the device.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { CAMERA_AND_PHOTO_FRAMES } from "../warm-up-frames.ts";
import type { FaceRecognitionConfig } from "./config.ts";
import type { FaceEmbeddingResult } from "./result.ts";

/** Face recognition adds no engine settings (its matching settings are the server's). */
const settings = {};

/** The face-recognition task's definition. */
export const faceRecognitionTask = defineTask<"face-recognition", FaceRecognitionConfig, FaceEmbeddingResult, typeof settings>({
  name: "face-recognition",
  label: "Recognition",
  endpoint: "/recognizer/predict/",
  tcpOpcode: 2,
  load: async (deps) => (await import("./task.ts")).loadFaceRecognitionTask(deps),
  unsupported: { rest: "Face recognition not supported on this server", stream: "Face recognition not supported" },
  referenceNeedsGpu: false,
  warmUp: { frames: CAMERA_AND_PHOTO_FRAMES },
  settings,
});
