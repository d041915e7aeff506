/**
 * `startServer`: what every runtime's serve entry calls once it has read its configuration. The
 * engine workers start first; the rest of the server (Hono, the routes, the recognition plugin,
 * metrics) and the runtime's {@link ServerAdapter} load while the workers load and warm up their
 * models, so on two or more cores the two overlap. This module imports nothing heavy itself.
 * @module
 */
import type { ServerConfig } from "./config.ts";
import { startServerPool } from "./pool/server-pool.ts";
import type { HttpListener, ServerAdapter, WorkerRuntime } from "./run-server.ts";

/**
 * Starts the engine workers, then loads and runs the server (`runServer`) with the default
 * content (reply formatters, the recognition plugin) over the runtime's adapter.
 *
 * @param config Server settings (read before: a bad flag has ended the process before any worker starts).
 * @param runtime How this runtime spawns a worker and exits.
 * @param loadAdapter Imports the runtime's listening adapter (a dynamic import, so it loads after the workers start).
 * @returns The listener, once listening (the process exits with status 1 when the server cannot start).
 * @example
 * ```ts
 * const config = readServerConfig({ argv, getEnv, cores }, exit);
 * await startServer(config, { spawnWorker: createDenoWorkerSpawner(), exit }, async () => (await import("./server-adapter.ts")).serverAdapter);
 * ```
 */
export async function startServer(
  config: ServerConfig,
  runtime: WorkerRuntime,
  loadAdapter: () => Promise<ServerAdapter>,
): Promise<HttpListener> {
  const pool = startServerPool(config, runtime.spawnWorker);
  let modules;
  try {
    modules = await Promise.all([import("./run-server.ts"), import("./default-server-content.ts"), loadAdapter()]);
  } catch (error) {
    console.error(`EdgeVision could not start: ${(error as Error)?.message ?? String(error)}`);
    await pool.pool.close(0);
    return runtime.exit(1);
  }
  const [{ runServer }, { defaultServerContent }, adapter] = modules;
  return await runServer(config, { ...adapter, ...runtime }, defaultServerContent(), pool);
}
