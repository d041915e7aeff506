/**
 * The default reply formatter of each task: result → MobiledgeX JSON text. The face-recognition
 * reply needs the gallery (main thread), so the recognition plugin (`ServerPlugin`) supplies it;
 * without it `/recognizer/predict/` answers as the reference does without recognition (§3.2).
 * @module
 */
import { formatFaceDetectionReply } from "../core/protocol/face-detection-reply.ts";
import { formatObjectsReply } from "../core/protocol/objects-reply.ts";
import { formatPoseReply } from "../core/protocol/pose-reply.ts";
import type { ReplyFormatters } from "./vision-service.ts";

/**
 * The formatters of every task whose reply needs nothing but the result.
 *
 * @returns A fresh map (callers may add or override entries).
 */
export function defaultReplyFormatters(): ReplyFormatters {
  return {
    "face-detection": formatFaceDetectionReply,
    pose: formatPoseReply,
    objects: formatObjectsReply,
  };
}
