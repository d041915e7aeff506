/**
 * Bun entry point (`npm run serve:bun`): reads the configuration, starts the module Web Worker
 * engine workers, then loads the shared server on `Bun.serve` (`server-adapter.ts`) while they
 * load their models.
 * @module
 */
import { readServerConfig } from "../../server/read-server-config.ts";
import { startServer } from "../../server/start-server.ts";
import { createBunWorkerSpawner } from "./worker-spawn.ts";

/** The part of Bun's API this entry uses (type checking under tsc, which has no Bun types). */
declare const Bun: {
  argv: string[];
  env: Record<string, string | undefined>;
};

const exit = (code: number): never => process.exit(code);
const config = readServerConfig({ argv: Bun.argv.slice(2), getEnv: (name) => Bun.env[name], cores: navigator.hardwareConcurrency }, exit);

await startServer(config, { spawnWorker: createBunWorkerSpawner(), exit }, async () => (await import("./server-adapter.ts")).serverAdapter);
