/**
 * Bun: how the server listens (`Bun.serve`), upgrades WebSockets (hono/bun), listens for TCP and
 * catches signals. `serve.ts` imports it once the engine workers are starting.
 * @module
 */
import { getConnInfo, upgradeWebSocket, websocket } from "hono/bun";
import type { ServerAdapter } from "../../server/run-server.ts";
import { listenTcp } from "./tcp-listener.ts";

/** The request-scoped server handle Bun passes to `fetch`. */
interface BunServer {
  timeout(request: Request, seconds: number): void;
}

/** The part of Bun's API this module uses (type checking under tsc, which has no Bun types). */
declare const Bun: {
  serve(options: {
    port: number;
    hostname: string;
    fetch: (request: Request, server: BunServer) => Response | Promise<Response>;
    idleTimeout: number;
    maxRequestBodySize: number;
    websocket: unknown;
  }): { hostname?: string; port?: number; stop(closeActiveConnections: boolean): Promise<void> | void };
};

/** Bun's idle timeouts are whole seconds with a maximum of 255 (HTTP) and 960 (WebSocket). */
const seconds = (ms: number, max: number) => Math.min(max, Math.max(1, Math.ceil(ms / 1000)));

/** Bun's {@link ServerAdapter}. */
export const serverAdapter: ServerAdapter = {
  listenTcp,
  upgradeWebSocket,
  getConnInfo,
  listenHttp: async (app, config) => {
    const idleSeconds = seconds(Math.min(config.requestTimeoutMs, config.idleTimeoutMs), 255);
    const server = Bun.serve({
      port: config.port,
      hostname: config.host,
      // Bun's idle timer also runs while a handler works on a request, so while the app handles one
      // (the app bounds the body with its 408 deadline and the job with the job timeout) the
      // connection gets Bun's longest timeout, and the normal one again for the keep-alive wait.
      fetch: async (request, server) => {
        server.timeout(request, 255);
        const response = await app.fetch(request, server);
        try {
          server.timeout(request, idleSeconds);
        } catch {
          // Upgraded to a WebSocket: the WebSocket idle timeout applies.
        }
        return response;
      },
      // A connection that sends nothing (slow headers, idle keep-alive) is closed after this.
      idleTimeout: idleSeconds,
      // Bun answers 413 itself above this; the app enforces the exact limit (multipart adds framing).
      maxRequestBodySize: config.maxBodyBytes + 1024 * 1024,
      websocket: { ...websocket, maxPayloadLength: config.maxBodyBytes, idleTimeout: seconds(config.idleTimeoutMs, 960) },
    });
    return {
      host: server.hostname ?? config.host,
      port: server.port ?? config.port,
      stopAccepting: () => void server.stop(false),
      closeAll: async () => void (await server.stop(true)),
    };
  },
  onShutdownSignal: (handler) => {
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
  },
};
