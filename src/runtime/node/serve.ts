/**
 * Node entry point (`npm run serve:node`, which runs it built into dist/node/serve.mjs by
 * scripts/build-node.mjs, without tsx): reads the configuration, starts the `worker_threads`
 * engine workers, then loads the shared server on `@hono/node-server` (`server-adapter.ts`) while
 * they load their models.
 * @module
 */
import { availableParallelism } from "node:os";
import { readServerConfig } from "../../server/read-server-config.ts";
import { startServer } from "../../server/start-server.ts";
import { createNodeWorkerSpawner } from "./worker-spawn.ts";

const exit = (code: number): never => process.exit(code);
const config = readServerConfig({ argv: process.argv.slice(2), getEnv: (name) => process.env[name], cores: availableParallelism() }, exit);

await startServer(config, { spawnWorker: createNodeWorkerSpawner(), exit }, async () => (await import("./server-adapter.ts")).serverAdapter);
