/**
 * The REST image endpoints (§3.1–§3.5): read the image in any of the four encodings, run the task
 * through the {@link VisionService}, reply with its JSON as `text/html; charset=utf-8` and the
 * request's stage timings in a `Server-Timing` header.
 * @module
 */
import type { Hono } from "hono";
import { IMAGE_ENDPOINTS } from "../endpoints.ts";
import { htmlResponse } from "../http/http-replies.ts";
import type { BodyLimits } from "../http/read-body.ts";
import { readImageRequest } from "../http/read-image-request.ts";
import { unsupportedTaskReply } from "../replies/error-replies.ts";
import { RequestTimer, serverTimingHeader } from "../timing/request-timing.ts";
import type { VisionService } from "../vision-service.ts";

/**
 * Registers `/detector/detect/`, `/recognizer/predict/`, `/openpose/detect/` and `/object/detect/`.
 *
 * @param app The app.
 * @param service Runs the tasks.
 * @param limits Body size limit and deadline.
 * @returns The registered paths (for the trailing-slash redirect).
 */
export function registerImageRoutes(app: Hono, service: VisionService, limits: BodyLimits): string[] {
  for (const [path, task] of Object.entries(IMAGE_ENDPOINTS)) {
    app.all(path, async (c) => {
      // Like the reference's pose endpoint, a missing capability is reported before the body is read.
      if (!service.supports(task)) {
        const reply = unsupportedTaskReply(task, "rest");
        return htmlResponse(reply.status, reply.body);
      }
      const timer = new RequestTimer(task, "rest");
      const bytes = await readImageRequest(c.req.raw, limits);
      timer.lap("receiveMs");
      const reply = await service.handleImage(task, bytes, "rest", timer);
      // The header is written before the send, so REST timings end here (sendMs stays 0).
      service.reportTiming(timer);
      return htmlResponse(reply.status, reply.body, { ...reply.headers, "Server-Timing": serverTimingHeader(timer.timing) });
    });
  }
  return Object.keys(IMAGE_ENDPOINTS);
}
