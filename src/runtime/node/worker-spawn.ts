/**
 * Node: starts engine workers as `worker_threads`. The Node build (dist/node/, scripts/build-node.mjs)
 * starts its bundled `engine-worker.mjs` directly. From the sources (scripts and tests under tsx),
 * Node 20 does not run a worker's TypeScript entry through the parent's tsx loader, so a `.ts`
 * entry starts in `ts-worker-bootstrap.mjs`, which registers tsx in that worker and then imports it.
 * @module
 */
import { Worker } from "node:worker_threads";
import { SMALL_YOUNG_GENERATION_WORKER_LIMITS } from "../../server/pool/isolate-memory.ts";
import type { SpawnWorker } from "../../server/pool/worker-pool.ts";

/** The engine worker in the form this module runs in: `engine-worker.ts` beside the source, `engine-worker.mjs` in the build. */
const ENGINE_WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./engine-worker.ts" : "./engine-worker.mjs", import.meta.url);

/** A worker thread running `scriptUrl`, through the tsx bootstrap when it is TypeScript. */
function startWorker(scriptUrl: URL): Worker {
  const options = { resourceLimits: SMALL_YOUNG_GENERATION_WORKER_LIMITS };
  if (!scriptUrl.pathname.endsWith(".ts")) return new Worker(scriptUrl, options);
  return new Worker(new URL("./ts-worker-bootstrap.mjs", import.meta.url), { ...options, workerData: { entry: scriptUrl.href } });
}

/**
 * A {@link SpawnWorker} running `scriptUrl` in a worker thread.
 *
 * @param scriptUrl The worker entry (default: this runtime's engine worker, built or source as this module is).
 * @returns The spawner.
 */
export function createNodeWorkerSpawner(scriptUrl: URL = ENGINE_WORKER_URL): SpawnWorker {
  return (events) => {
    const worker = startWorker(scriptUrl);
    let exited = false;
    const exit = (reason: string) => {
      if (exited) return;
      exited = true;
      events.onExit(reason);
    };
    worker.on("message", (reply) => events.onMessage(reply));
    worker.on("error", (error: Error) => exit(`uncaught error: ${error?.message ?? String(error)}`));
    worker.on("messageerror", (error) => exit(`unreadable message: ${String(error)}`));
    worker.on("exit", (code) => exit(`exited with code "${code}"`));
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      terminate: () => {
        exited = true;
        worker.terminate().catch(() => undefined);
      },
    };
  };
}
