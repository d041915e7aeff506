/**
 * The typed error of an engine asked for a task it has not loaded.
 * @module
 */
import type { TaskName } from "./types.ts";

/** Thrown by `Engine.run` (and `createEngine`) for a task that is unknown or not loaded. */
export class TaskUnavailableError extends Error {
  /**
   * @param task The requested task name (as received; may not be a valid {@link TaskName}).
   * @param loaded The tasks the engine has loaded.
   */
  constructor(readonly task: string, readonly loaded: readonly TaskName[]) {
    super(`Task "${task}" is not available; loaded tasks: ${loaded.map((t) => `"${t}"`).join(", ") || "none"}`);
    this.name = "TaskUnavailableError";
  }
}
