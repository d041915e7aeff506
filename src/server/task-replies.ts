/**
 * The default reply formatter of each task: result → MobiledgeX JSON text. Each task's owner adds
 * one line here when its `src/core/protocol/<task>-reply.ts` lands. The face-recognition reply
 * needs the gallery, so it comes from the recognition plugin (`ServerPlugin`) instead.
 * @module
 */
import type { ReplyFormatters } from "./vision-service.ts";

/**
 * The formatters of every task whose reply module exists in this build.
 *
 * @returns A fresh map (callers may add or override entries).
 */
export function defaultReplyFormatters(): ReplyFormatters {
  return {};
}
