/**
 * The informational endpoints: `/test/` (connectivity check), `/server/capabilities/` and
 * `/server/usage/` (§3.6–§3.8).
 * @module
 */
import type { Hono } from "hono";
import { PyFloat, pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import type { TaskName } from "../../core/engine/types.ts";
import { TASKS } from "../../core/tasks/registry.ts";
import { htmlResponse } from "../http/http-replies.ts";
import { INFO_TEXTS as TEXT } from "../http/reference-texts.ts";
import type { UsageSampler } from "../usage/system-usage.ts";

/** What the info routes read. */
export interface InfoRouteDeps {
  /** Tasks the server can answer right now. */
  tasks: () => readonly TaskName[];
  /** Tasks whose models load on their first request (not yet in memory at start). */
  loadOnFirstUse?: readonly TaskName[];
  /** CPU / memory sampler. */
  usage: UsageSampler;
}

/**
 * Registers `/test/`, `/server/capabilities/` and `/server/usage/`.
 *
 * `/server/capabilities/` keeps the reference's two keys and adds `tasks` (the task names it
 * answers) and `load_on_first_use` (those of them whose models load on their first request).
 * `gpu_support` is what the reference's web demo reads to enable its pose and object buttons, so
 * it is `true` exactly when every task the reference needed a GPU for (`referenceNeedsGpu` in the
 * definitions: pose, objects) is loaded (they run on the CPU here).
 *
 * @param app The app.
 * @param deps Loaded tasks and the usage sampler.
 * @returns The registered paths.
 */
export function registerInfoRoutes(app: Hono, deps: InfoRouteDeps): string[] {
  app.all("/test/", (c) => {
    if (c.req.method === "GET") return htmlResponse(200, TEXT.testGet);
    if (c.req.method === "HEAD") return htmlResponse(200, null);
    return htmlResponse(400, TEXT.testBadMethod);
  });
  app.all("/server/capabilities/", (c) => {
    if (c.req.method !== "GET") return htmlResponse(400, TEXT.capabilitiesBadMethod);
    const tasks = deps.tasks();
    const gpuSupport = TASKS.every((task) => !task.referenceNeedsGpu || tasks.includes(task.name));
    return htmlResponse(200, pythonJsonDumps({
      success: "true",
      gpu_support: gpuSupport,
      tasks: [...tasks],
      load_on_first_use: tasks.filter((task) => deps.loadOnFirstUse?.includes(task)),
    }));
  });
  app.all("/server/usage/", (c) => {
    if (c.req.method !== "GET") return htmlResponse(400, TEXT.usageBadMethod);
    const sample = deps.usage();
    return htmlResponse(200, pythonJsonDumps({ cpu_util: new PyFloat(sample.cpuUtil), mem_util: new PyFloat(sample.memUtil) }));
  });
  return ["/test/", "/server/capabilities/", "/server/usage/"];
}
