/**
 * Which task each MobiledgeX image endpoint runs, from the task definitions. REST uses the paths
 * as they are; WebSocket clients prefix them with `/ws` (§5).
 * @module
 */
import type { TaskName } from "../core/engine/types.ts";
import { TASKS } from "../core/tasks/registry.ts";

/** REST path (with the required trailing slash) → task. */
export const IMAGE_ENDPOINTS: Readonly<Record<string, TaskName>> = Object.freeze(
  Object.fromEntries(TASKS.map((task) => [task.endpoint, task.name])),
);
