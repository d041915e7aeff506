/**
 * The reply formatters of the tasks that can run in the browser: the same protocol modules the
 * server formats its replies with. Face recognition is not here: its reply needs the server's
 * enrolled gallery.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import { formatFaceDetectionReply } from "../../core/protocol/face-detection-reply.ts";
import { formatObjectsReply } from "../../core/protocol/objects-reply.ts";
import { formatPoseReply } from "../../core/protocol/pose-reply.ts";
import type { ReplyFormatter } from "../../client/local-detector.ts";

/** Formatter per task that runs on the device. */
export const BROWSER_REPLY_FORMATTERS: Readonly<Partial<Record<TaskName, ReplyFormatter>>> = {
  "face-detection": formatFaceDetectionReply,
  pose: formatPoseReply,
  objects: formatObjectsReply,
};
