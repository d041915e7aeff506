/**
 * Reads `GET /server/capabilities/` as the reference web demo does, to enable task buttons.
 * @module
 */
import { TASK_NAMES, TASKS, type TaskName } from "../runtime/browser/mod.ts";

/** What the edge can do, as far as the page knows. */
export interface EdgeCapabilities {
  reachable: boolean;
  /** Tasks the edge serves. */
  tasks: TaskName[];
  gpuSupport: boolean;
}

/**
 * Fetches the capabilities. The reference reply is `{"success": "true", "gpu_support": false}`
 * (its demo enables pose and objects only with a GPU); a `tasks` list, when the server sends
 * one, says exactly which tasks are loaded.
 *
 * @param timeoutMs Give up after this long.
 * @returns The capabilities; `reachable: false` when the request fails.
 */
export async function fetchEdgeCapabilities(timeoutMs = 3000): Promise<EdgeCapabilities> {
  try {
    const response = await fetch("/server/capabilities/", { cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { reachable: false, tasks: [], gpuSupport: false };
    const body = await response.json() as { gpu_support?: boolean; tasks?: unknown };
    const gpuSupport = body.gpu_support === true;
    const tasks = Array.isArray(body.tasks)
      ? TASK_NAMES.filter((t) => (body.tasks as unknown[]).includes(t))
      : TASKS.filter((t) => gpuSupport || !t.referenceNeedsGpu).map((t) => t.name);
    return { reachable: true, tasks, gpuSupport };
  } catch {
    return { reachable: false, tasks: [], gpuSupport: false };
  }
}
