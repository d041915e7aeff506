/**
 * Which task each MobiledgeX image endpoint runs. REST uses the paths as they are; WebSocket
 * clients prefix them with `/ws` (§5).
 * @module
 */
import type { TaskName } from "../core/engine/types.ts";

/** REST path (with the required trailing slash) → task. */
export const IMAGE_ENDPOINTS: Readonly<Record<string, TaskName>> = {
  "/detector/detect/": "face-detection",
  "/recognizer/predict/": "face-recognition",
  "/openpose/detect/": "pose",
  "/object/detect/": "objects",
};
