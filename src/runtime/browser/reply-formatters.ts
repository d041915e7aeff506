/**
 * The reply formatters of the tasks that can run in the browser: the same ones the server formats
 * its replies with, from the task definitions. Face recognition is not here: its reply needs the
 * server's enrolled gallery.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import { TASKS } from "../../core/tasks/registry.ts";
import type { ReplyFormatter } from "../../client/local-detector.ts";

/** Formatter per task that runs on the device. */
export const BROWSER_REPLY_FORMATTERS: Readonly<Partial<Record<TaskName, ReplyFormatter>>> = Object.freeze(
  Object.fromEntries(TASKS.flatMap((task) => task.formatReply === undefined ? [] : [[task.name, task.formatReply]])),
);
