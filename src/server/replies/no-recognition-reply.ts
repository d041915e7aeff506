/**
 * The reference's recognition reply when recognition is disabled but detection runs (§3.2: no
 * `REDIS_SERVER_PASSWORD`): the first detected face with subject "No Training Password".
 * Used for `/recognizer/predict/` while the face-recognition task is not loaded.
 * @module
 */
import type { FaceDetectionResult } from "../../core/engine/types.ts";
import { pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";

/**
 * Formats a face-detection result as the reference's recognition-disabled reply.
 *
 * @param result A face-detection result.
 * @returns `{"success": "true", "subject": "No Training Password", "confidence": "0.000", "server_processing_time": "…", "rect": […]}`,
 *   or `{"success": "false", "server_processing_time": "…"}` without a face.
 */
export function formatNoRecognitionReply(result: FaceDetectionResult): string {
  const time = result.processingMs.toFixed(3);
  const face = result.faces[0];
  if (face === undefined) return pythonJsonDumps({ success: "false", server_processing_time: time });
  return pythonJsonDumps({
    success: "true",
    subject: "No Training Password",
    confidence: "0.000",
    server_processing_time: time,
    rect: [...face.rect],
  });
}
