/**
 * Which tasks each engine worker runs, and which of them it loads at start. Face detection (the
 * light, frequent task) runs in every worker; the heavy tasks (recognition, pose, objects: 50–90
 * MB of WASM heap each) run only in the first `heavyWorkers` workers, so their models are held
 * once or twice per process rather than once per core.
 * @module
 */
import { TASK_NAMES, type TaskName } from "../../core/engine/types.ts";
import { engineConfigOf, type ServerConfig } from "../config.ts";
import type { WorkerInit } from "./worker-messages.ts";

/** The task every worker runs when it is configured. */
export const LIGHT_TASK: TaskName = "face-detection";

/**
 * The init message of worker `index`.
 *
 * @param config The server's configuration (`tasks`, `heavyWorkers`, `loadModels`, engine sections).
 * @param index The worker's index in the pool (0 … poolSize − 1).
 * @returns All configured tasks for the first `heavyWorkers` workers (and for every worker when
 * face detection is not configured); face detection alone for the others. With `loadModels`
 * "first-use", every task but face detection loads on its first request.
 * @example
 * ```ts
 * workerInitFor(defaultServerConfig(2), 1).tasks; // ["face-detection"]
 * ```
 */
export function workerInitFor(config: ServerConfig, index: number): WorkerInit {
  const configured = config.tasks ?? [...TASK_NAMES];
  const light = configured.includes(LIGHT_TASK) && index >= config.heavyWorkers;
  const tasks = light ? [LIGHT_TASK] : configured;
  const loadOnFirstUse = config.loadModels === "first-use" ? tasks.filter((task) => task !== LIGHT_TASK) : [];
  return { tasks, engineConfig: engineConfigOf(config), modelDir: config.modelDir, threads: config.threads, loadOnFirstUse };
}
