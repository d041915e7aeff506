/**
 * The default reply formatter of each task: result → MobiledgeX JSON text, from the task
 * definitions. The face-recognition reply needs the gallery (main thread), so the recognition
 * plugin (`ServerPlugin`) supplies it; without it `/recognizer/predict/` answers as the reference
 * does without recognition (§3.2).
 * @module
 */
import { TASKS } from "../core/tasks/registry.ts";
import type { ReplyFormatters } from "./vision-service.ts";

/**
 * The formatters of every task whose reply needs nothing but the result.
 *
 * @returns A fresh map (callers may add or override entries).
 */
export function defaultReplyFormatters(): ReplyFormatters {
  const formatters: ReplyFormatters = {};
  for (const task of TASKS) {
    if (task.formatReply !== undefined) formatters[task.name] = task.formatReply;
  }
  return formatters;
}
