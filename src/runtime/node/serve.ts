/**
 * Node entry point (`npm run serve:node`, which runs it built into dist/node/serve.mjs by
 * scripts/build-node.mjs, without tsx): the shared server on `@hono/node-server` with `ws` for
 * WebSockets and `worker_threads` engine workers.
 * @module
 */
import { availableParallelism } from "node:os";
import { serve, upgradeWebSocket } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { WebSocketServer } from "ws";
import { type HttpListener, readServerConfig, runServer } from "../../server/run-server.ts";
import { defaultReplyFormatters } from "../../server/task-replies.ts";
import { createNodeFileSystem } from "../../server/gallery/node-file-system.ts";
import { createRecognitionPlugin } from "../../server/recognition/recognition-plugin.ts";
import { createNodeWorkerSpawner } from "./worker-spawn.ts";
import { listenTcp } from "./tcp-listener.ts";

const exit = (code: number): never => process.exit(code);
const config = readServerConfig({ argv: process.argv.slice(2), getEnv: (name) => process.env[name], cores: availableParallelism() }, exit);

await runServer(config, {
  spawnWorker: createNodeWorkerSpawner(),
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
  exit,
}, { replies: defaultReplyFormatters(), plugins: [createRecognitionPlugin(createNodeFileSystem())] });
