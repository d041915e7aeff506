/**
 * Deno entry point (`deno task serve`): the shared server on `Deno.serve` with hono/deno
 * WebSockets and module Web Worker engine workers.
 * @module
 */
import { getConnInfo, upgradeWebSocket } from "hono/deno";
import { type HttpListener, readServerConfig, runServer } from "../../server/run-server.ts";
import { defaultReplyFormatters } from "../../server/task-replies.ts";
import { createNodeFileSystem } from "../../server/gallery/node-file-system.ts";
import { createRecognitionPlugin } from "../../server/recognition/recognition-plugin.ts";
import { createDenoWorkerSpawner } from "./worker-spawn.ts";
import { listenTcp } from "./tcp-listener.ts";

/** The part of Deno's API this entry uses (type checking under tsc, which has no Deno types). */
declare const Deno: {
  args: string[];
  env: { get(name: string): string | undefined };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen: (address: { hostname: string; port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void>; finished: Promise<void> };
  addSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
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

await runServer(config, {
  spawnWorker: createDenoWorkerSpawner(),
  listenTcp,
  upgradeWebSocket,
  getConnInfo,
  listenHttp: (app, config) =>
    new Promise<HttpListener>((resolve, reject) => {
      try {
        const server = Deno.serve({
          port: config.port,
          hostname: config.host,
          onListen: ({ hostname, port }) =>
            resolve({
              host: hostname,
              port,
              stopAccepting: () => void server.shutdown().catch(() => undefined),
              closeAll: async () => {
                await Promise.race([server.finished, new Promise((r) => setTimeout(r, 1000))]);
              },
            }),
        }, app.fetch);
      } catch (error) {
        reject(error);
      }
    }),
  onShutdownSignal: (handler) => {
    Deno.addSignalListener("SIGINT", handler);
    Deno.addSignalListener("SIGTERM", handler);
  },
  exit,
}, { replies: defaultReplyFormatters(), plugins: [createRecognitionPlugin(createNodeFileSystem())] });
