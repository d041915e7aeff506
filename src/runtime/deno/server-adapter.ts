/**
 * Deno: how the server listens (`Deno.serve`), upgrades WebSockets (hono/deno), listens for TCP
 * and catches signals. `serve.ts` imports it once the engine workers are starting.
 * @module
 */
import { getConnInfo, upgradeWebSocket } from "hono/deno";
import type { HttpListener, ServerAdapter } from "../../server/run-server.ts";
import { listenTcp } from "./tcp-listener.ts";

/** The part of Deno's API this module uses (type checking under tsc, which has no Deno types). */
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen: (address: { hostname: string; port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void>; finished: Promise<void> };
  addSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
};

/** Deno's {@link ServerAdapter}. */
export const serverAdapter: ServerAdapter = {
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
};
