/**
 * Node: how the server listens (`@hono/node-server`, `ws` for WebSockets), listens for TCP and
 * catches signals. `serve.ts` imports it once the engine workers are starting.
 * @module
 */
import { serve, upgradeWebSocket } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { WebSocketServer } from "ws";
import type { HttpListener, ServerAdapter } from "../../server/run-server.ts";
import { listenTcp } from "./tcp-listener.ts";

/** Node's {@link ServerAdapter}. */
export const serverAdapter: ServerAdapter = {
  listenTcp,
  upgradeWebSocket,
  getConnInfo,
  listenHttp: (app, config) =>
    new Promise<HttpListener>((resolve, reject) => {
      const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxBodyBytes });
      const server = serve({
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        websocket: { server: wss },
        // Slow or silent clients: headers must arrive within requestTimeout; the app gives the body
        // the same time (answering 408), Node's own request timeout is the backstop a second later.
        serverOptions: {
          requestTimeout: config.requestTimeoutMs + 1000,
          headersTimeout: config.requestTimeoutMs,
          keepAliveTimeout: config.idleTimeoutMs,
          // Node checks the two timeouts above only this often (default 30 s).
          connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
        },
      }, (info) => {
        server.off("error", reject);
        resolve({
          host: info.address,
          port: info.port,
          stopAccepting: () => {
            server.close();
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          },
          closeAll: async () => {
            wss.close();
            if ("closeAllConnections" in server) server.closeAllConnections();
          },
        });
      });
      server.once("error", reject);
    }),
  onShutdownSignal: (handler) => {
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
  },
};
