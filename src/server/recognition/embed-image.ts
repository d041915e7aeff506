/**
 * Runs the face-recognition task for the enrolment routes and maps pool failures onto replies in
 * the same way the image endpoints do (busy → 503, undecodable image → 400, no task → 501).
 * @module
 */
import type { FaceEmbeddingResult } from "../../core/engine/types.ts";
import { htmlResponse } from "../http/http-replies.ts";
import { JobFailedError, PoolUnavailableError, QueueFullError } from "../pool/pool-errors.ts";
import { errorReplyBody, unsupportedTaskReply } from "../replies/error-replies.ts";
import { RETRY_AFTER_SECONDS, type TaskExecutor } from "../vision-service.ts";

/**
 * Embeds the first face of an image.
 *
 * @param executor The worker pool.
 * @param image Encoded image bytes (transferred to a worker).
 * @returns The task result, or the error response to send.
 */
export async function embedImage(executor: TaskExecutor, image: Uint8Array): Promise<FaceEmbeddingResult | Response> {
  if (!executor.tasks.includes("face-recognition")) {
    const reply = unsupportedTaskReply("face-recognition", "rest");
    return htmlResponse(reply.status, reply.body);
  }
  try {
    return await executor.submit("face-recognition", image) as FaceEmbeddingResult;
  } catch (error) {
    const busy = { "Retry-After": String(RETRY_AFTER_SECONDS) };
    if (error instanceof QueueFullError) return htmlResponse(503, errorReplyBody("Server busy: the request queue is full, try again later", "rest"), busy);
    if (error instanceof PoolUnavailableError) return htmlResponse(503, errorReplyBody(error.message, "rest"), busy);
    if (error instanceof JobFailedError && error.failure.kind === "decode") {
      return htmlResponse(400, errorReplyBody(`Cannot decode the image: ${error.message}`, "rest"));
    }
    return htmlResponse(500, errorReplyBody(`Internal error: ${(error as Error)?.message ?? String(error)}`, "rest"));
  }
}
