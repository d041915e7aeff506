/**
 * The MobiledgeX REST endpoint of each task (from the task definitions); the WebSocket path is `/ws` + this endpoint.
 * @module
 */
import type { TaskName } from "../core/engine/types.ts";
import { TASKS } from "../core/tasks/registry.ts";

/** REST endpoint per task, with the trailing slash clients depend on (from the task definitions). */
export const TASK_ENDPOINTS: Readonly<Record<TaskName, string>> = Object.freeze(
  Object.fromEntries(TASKS.map((task) => [task.name, task.endpoint])) as Record<TaskName, string>,
);

/**
 * Builds the WebSocket URL of a task from the edge server's base URL.
 *
 * @param edgeUrl `http(s)://host:port` or `ws(s)://host:port` of the edge server.
 * @param task The task whose endpoint to use.
 * @returns `ws(s)://host:port/ws/<endpoint>`.
 * @example
 * ```ts
 * webSocketUrl("http://127.0.0.1:8008", "face-detection"); // "ws://127.0.0.1:8008/ws/detector/detect/"
 * ```
 */
export function webSocketUrl(edgeUrl: string, task: TaskName): string {
  const url = new URL(edgeUrl);
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  url.pathname = "/ws" + TASK_ENDPOINTS[task];
  url.search = "";
  url.hash = "";
  return url.toString();
}
