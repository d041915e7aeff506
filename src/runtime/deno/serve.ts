/**
 * Deno entry point (`deno task serve`): reads the configuration, starts the module Web Worker
 * engine workers, then loads the shared server on `Deno.serve` (`server-adapter.ts`) while they
 * load their models.
 * @module
 */
import { readServerConfig } from "../../server/read-server-config.ts";
import { startServer } from "../../server/start-server.ts";
import { createDenoWorkerSpawner } from "./worker-spawn.ts";

/** The part of Deno's API this entry uses (type checking under tsc, which has no Deno types). */
declare const Deno: {
  args: string[];
  env: { get(name: string): string | undefined };
  exit(code: number): never;
};

/** Reads an env var; without `--allow-env` for it, behaves as unset. */
function getEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

const exit = (code: number): never => Deno.exit(code);
const config = readServerConfig({ argv: Deno.args, getEnv, cores: navigator.hardwareConcurrency }, exit);

await startServer(config, { spawnWorker: createDenoWorkerSpawner(), exit }, async () => (await import("./server-adapter.ts")).serverAdapter);
