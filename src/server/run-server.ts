/**
 * `runServer`: the start-up and shutdown sequence every runtime shares. A runtime's `serve.ts`
 * starts the workers and hands them to `startServer` (start-server.ts), which loads this module
 * with the runtime's {@link ServerAdapter} (how to listen, upgrade WebSockets, catch signals).
 * @module
 */
import type { Hono } from "hono";
import type { GetConnInfo } from "hono/conninfo";
import type { UpgradeWebSocket } from "hono/ws";
import type { AppMount } from "./app.ts";
import { assembleServer, listeningLine, type ServerParts, type ServerPlugin } from "./assemble-server.ts";
import type { ServerConfig } from "./config.ts";
import type { StartingPool } from "./pool/server-pool.ts";
import type { SpawnWorker } from "./pool/worker-pool.ts";
import type { ReplyFormatters } from "./vision-service.ts";
import { resolveTcpPort } from "./tcp/tcp-port-setting.ts";
import { startTcpServer } from "./tcp/tcp-server.ts";
import type { ListenTcp } from "./tcp/tcp-transport.ts";

/** A listening HTTP server. */
export interface HttpListener {
  /** Bound address and port. */
  host: string;
  port: number;
  /** Stops accepting new connections; in-flight requests continue. */
  stopAccepting(): void;
  /** Closes every remaining connection. */
  closeAll(): Promise<void>;
}

/** What differs between Deno, Node and Bun, up to starting the workers (the serve entry's own part). */
export interface WorkerRuntime {
  /** Starts one engine worker. */
  spawnWorker: SpawnWorker;
  /** Ends the process. */
  exit(code: number): never;
}

/** What differs between Deno, Node and Bun once the workers are starting (a module the serve entry loads then). */
export interface ServerAdapter {
  // deno-lint-ignore no-explicit-any
  upgradeWebSocket: UpgradeWebSocket<any>;
  /** Reads a request's peer address (the enrolment guard's local-network default needs it). */
  getConnInfo: GetConnInfo;
  /** Serves `app` on `config.host:config.port` with the runtime's timeouts and limits. */
  listenHttp(app: Hono, config: ServerConfig): Promise<HttpListener>;
  /** Listens for the persistent-TCP transport (src/runtime/<runtime>/tcp-listener.ts); without it TCP is off. */
  listenTcp?: ListenTcp;
  /** Calls `handler` on SIGINT and SIGTERM. */
  onShutdownSignal(handler: () => void): void;
}

/** Everything that differs between Deno, Node and Bun. */
export type RuntimeAdapter = WorkerRuntime & ServerAdapter;

/** What the server is made of besides the runtime (the same for every runtime). */
export interface ServerContent {
  replies: ReplyFormatters;
  mounts?: AppMount[];
  plugins?: ServerPlugin[];
}

/**
 * Waits for the workers `pool` is starting, builds the app, listens, prints
 * `EdgeVision listening on http://HOST:PORT`, and on SIGINT/SIGTERM finishes in-flight work (up to
 * `config.shutdownGraceMs`) before exiting. A second signal exits at once.
 *
 * @param config Server settings.
 * @param runtime The runtime adapter.
 * @param content Reply formatters, mounts and plugins.
 * @param pool The server's pool, already starting (`startServerPool`).
 * @returns The listener, once listening.
 */
export async function runServer(config: ServerConfig, runtime: RuntimeAdapter, content: ServerContent, pool: StartingPool): Promise<HttpListener> {
  let parts: ServerParts;
  let listener: HttpListener;
  try {
    parts = await assembleServer({
      config,
      pool,
      upgradeWebSocket: runtime.upgradeWebSocket,
      replies: content.replies,
      mounts: content.mounts,
      plugins: content.plugins,
      getConnInfo: runtime.getConnInfo,
    });
    listener = await runtime.listenHttp(parts.app, config);
    // The reference's FaceTrainingServer port (8009): the same app on a second listener.
    if (config.trainerPort !== undefined) {
      const main = listener;
      const trainer = await runtime.listenHttp(parts.app, { ...config, port: config.trainerPort });
      console.log(`Trainer port listening on http://${trainer.host.includes(":") ? `[${trainer.host}]` : trainer.host}:${trainer.port}`);
      listener = {
        ...main,
        stopAccepting: () => (main.stopAccepting(), trainer.stopAccepting()),
        closeAll: async () => void await Promise.all([main.closeAll(), trainer.closeAll()]),
      };
    }
    // The persistent-TCP transport (§6): same VisionService, printed before the main line so
    // scripts waiting for that line already know the TCP port.
    const tcpPort = resolveTcpPort(config.tcpPort, config.port);
    if (tcpPort !== undefined && runtime.listenTcp !== undefined) {
      const main = listener;
      const tcp = await startTcpServer(runtime.listenTcp, {
        hostname: config.host,
        port: tcpPort,
        service: parts.service,
        maxPayloadBytes: config.maxBodyBytes,
        idleTimeoutMs: config.idleTimeoutMs,
        requestTimeoutMs: config.requestTimeoutMs,
        onError: (error) => console.error(`TCP: ${(error as Error)?.message ?? String(error)}`),
      });
      console.log(`EdgeVision TCP listening on tcp://${config.host.includes(":") ? `[${config.host}]` : config.host}:${tcp.port}`);
      listener = { ...main, closeAll: async () => void await Promise.all([main.closeAll(), tcp.close()]) };
    }
  } catch (error) {
    console.error(`EdgeVision could not start: ${(error as Error)?.message ?? String(error)}`);
    return runtime.exit(1);
  }
  console.log(listeningLine(listener.host, listener.port));
  console.error(`Engine workers: ${config.poolSize} × ${config.threads} WASM thread${config.threads === 1 ? "" : "s"}; tasks: ${parts.service.tasks.join(", ") || "none"}`);
  let stopping = false;
  runtime.onShutdownSignal(() => {
    if (stopping) runtime.exit(1);
    stopping = true;
    listener.stopAccepting();
    parts.shutdown()
      .then(() => listener.closeAll())
      .then(() => runtime.exit(0), (error) => {
        console.error(error);
        runtime.exit(1);
      });
  });
  return listener;
}
