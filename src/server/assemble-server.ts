/**
 * Puts the runtime-agnostic parts together: worker pool → vision service → Hono app. Each
 * runtime's `serve.ts` calls this with its worker spawner and WebSocket upgrade helper, then
 * listens and wires signals to {@link ServerParts.shutdown}.
 * @module
 */
import type { Hono, MiddlewareHandler } from "hono";
import type { GetConnInfo } from "hono/conninfo";
import type { UpgradeWebSocket } from "hono/ws";
import { type AppMount, createApp } from "./app.ts";
import { galleryToken, type ServerConfig } from "./config.ts";
import { workerInitFor } from "./pool/task-placement.ts";
import type { StartingPool } from "./pool/server-pool.ts";
import type { WorkerPool } from "./pool/worker-pool.ts";
import { createSystemUsageSampler } from "./usage/system-usage.ts";
import type { BodyLimits } from "./http/read-body.ts";
import { type ReplyFormatters, type TaskExecutor, VisionService } from "./vision-service.ts";
import { SocketRegistry } from "./websocket/socket-registry.ts";
import { createEnrolmentGuard, describeEnrolmentGuard } from "./enrolment-guard/enrolment-guard.ts";
import { staticAssetsMount } from "./static/static-assets-mount.ts";
import { timingLogLine } from "./timing/request-timing.ts";
import type { GalleryHealth, GalleryStore } from "./gallery/gallery-store.ts";
import { healthRoutes } from "./observability/health-routes.ts";
import { ServerMetrics } from "./observability/server-metrics.ts";
import { residentMemoryBytes } from "./usage/resident-memory.ts";

/** What a runtime entry point supplies. */
export interface AssembleOptions {
  config: ServerConfig;
  /** The engine workers, already starting (`startServerPool`). */
  pool: StartingPool;
  /** The runtime's WebSocket upgrade helper. */
  // deno-lint-ignore no-explicit-any
  upgradeWebSocket: UpgradeWebSocket<any>;
  /** Reply formatter per task (see `task-replies.ts` for the defaults and the recognition hook). */
  replies: ReplyFormatters;
  /** Extra route modules (browser demo assets, training routes). */
  mounts?: AppMount[];
  /** Parts that need the started pool (e.g. recognition: gallery hook + trainer routes). */
  plugins?: ServerPlugin[];
  /** The runtime's peer-address reader (hono/deno, hono/bun, @hono/node-server/conninfo); without it every peer counts as remote. */
  getConnInfo?: GetConnInfo;
}

/** What a plugin gets once the workers are running. */
export interface PluginContext {
  config: ServerConfig;
  /** The worker pool (submit tasks directly, e.g. for enrolment). */
  executor: TaskExecutor;
  /** Body limits the REST routes use. */
  limits: BodyLimits;
  /** Put this in front of every route that reads or changes a face gallery (`app.use(path, enrolmentGuard)`). */
  enrolmentGuard: MiddlewareHandler;
  log: (message: string) => void;
}

/** What a plugin adds: reply formatters (override the defaults), routes, and cleanup. */
export interface PluginParts {
  replies?: ReplyFormatters;
  mounts?: AppMount[];
  close?: () => Promise<void>;
  /** The face gallery the plugin opened (its size and health go to `/metrics` and `/readyz`). */
  gallery?: GalleryStore;
}

/**
 * A server extension built after the pool has started (the recognition helper's gallery and
 * `/trainer/` routes are one).
 */
export type ServerPlugin = (context: PluginContext) => Promise<PluginParts>;

/** The assembled server, before it listens. */
export interface ServerParts {
  app: Hono;
  pool: WorkerPool;
  service: VisionService;
  metrics: ServerMetrics;
  sockets: SocketRegistry;
  /**
   * Finishes in-flight work (up to `config.shutdownGraceMs`), then closes WebSockets and workers.
   * Call after the listener has stopped accepting connections.
   */
  shutdown(): Promise<void>;
}

/**
 * Waits for the starting pool's workers (loading the models) and builds the app.
 *
 * @param options Config, starting pool, WebSocket helper, replies and mounts.
 * @returns The parts; the caller starts listening.
 * @throws {Error} When the workers cannot start.
 */
export async function assembleServer(options: AssembleOptions): Promise<ServerParts> {
  const { config } = options;
  const { pool, ready } = options.pool;
  await ready;
  const limits = { maxBytes: config.maxBodyBytes, timeoutMs: config.requestTimeoutMs };
  const replies: ReplyFormatters = { ...options.replies };
  // The browser demo (page, bundle, WASM, models, service worker) at `/` on every runtime.
  const mounts: AppMount[] = [
    staticAssetsMount(config.modelDir === undefined ? {} : { modelsDir: config.modelDir }),
    ...options.mounts ?? [],
  ];
  const closers: (() => Promise<void>)[] = [];
  const getConnInfo = options.getConnInfo;
  const enrolmentGuard = createEnrolmentGuard({
    token: galleryToken(config),
    access: config.trainerAccess,
    allowedOrigins: config.trainerOrigins,
    clientAddress: (c) => getConnInfo === undefined ? undefined : getConnInfo(c).remote.address,
  });
  if ((options.plugins ?? []).length > 0) console.error(describeEnrolmentGuard({ token: galleryToken(config), access: config.trainerAccess }));
  let gallery: GalleryStore | undefined;
  try {
    for (const plugin of options.plugins ?? []) {
      const parts = await plugin({ config, executor: pool, limits, enrolmentGuard, log: (m) => console.error(m) });
      Object.assign(replies, parts.replies);
      mounts.push(...parts.mounts ?? []);
      if (parts.close !== undefined) closers.push(parts.close);
      gallery ??= parts.gallery;
    }
  } catch (error) {
    await pool.close(0);
    throw error;
  }
  let shuttingDown = false;
  const gallerySnapshot = gallery === undefined ? undefined : galleryCounter(gallery);
  const metrics = new ServerMetrics({
    queued: () => pool.queued,
    busy: () => pool.busy,
    alive: () => pool.alive,
    restarts: () => pool.restarts,
    ...(gallerySnapshot === undefined ? {} : { gallery: gallerySnapshot }),
    residentBytes: residentMemoryBytes,
  });
  mounts.push(healthRoutes({
    tasks: () => pool.tasks,
    workers: () => ({ alive: pool.alive, size: pool.size }),
    ...(gallery === undefined ? {} : { gallery: () => galleryHealth(gallery) }),
    shuttingDown: () => shuttingDown,
  }, metrics));
  const service = new VisionService(pool, replies);
  if (config.timingLog) service.addTimingListener((timing) => console.error(timingLogLine(timing)));
  service.addTimingListener((timing) => metrics.observeImageRequest(timing));
  const sockets = new SocketRegistry();
  const app = createApp({
    service,
    upgradeWebSocket: options.upgradeWebSocket,
    usage: createSystemUsageSampler(),
    loadOnFirstUse: workerInitFor(config, 0).loadOnFirstUse,
    limits: { maxBodyBytes: config.maxBodyBytes, requestTimeoutMs: config.requestTimeoutMs, idleTimeoutMs: config.idleTimeoutMs },
    sockets,
    mounts,
    metrics,
  });
  return {
    app,
    pool,
    service,
    metrics,
    sockets,
    async shutdown() {
      shuttingDown = true;
      await pool.close(config.shutdownGraceMs);
      // Let the last replies reach the sockets before closing them.
      await new Promise((resolve) => setTimeout(resolve, 50));
      sockets.closeAll();
      for (const close of closers) await close().catch((error) => console.error(error));
    },
  };
}

/**
 * The one start-up line tests and scripts parse: `EdgeVision listening on http://HOST:PORT`.
 *
 * @param host The bound address.
 * @param port The bound port.
 * @returns The line.
 */
export function listeningLine(host: string, port: number): string {
  const shown = host.includes(":") ? `[${host}]` : host;
  return `EdgeVision listening on http://${shown}:${port}`;
}

/** A gallery without a health method (the embedded store) is always reachable and loaded. */
function galleryHealth(gallery: GalleryStore): GalleryHealth {
  return gallery.health?.() ?? { reachable: true, loaded: true, backend: "file" };
}

/** Gallery size for the metrics, recounted only when the gallery's revision moved. */
function galleryCounter(gallery: GalleryStore): () => Promise<{ subjects: number; embeddings: number; reachable: boolean }> {
  let counted = { revision: -1, subjects: 0, embeddings: 0 };
  return async () => {
    const revision = gallery.revision;
    if (revision !== counted.revision) {
      const subjects = await gallery.allEmbeddings();
      counted = { revision, subjects: subjects.length, embeddings: subjects.reduce((sum, s) => sum + s.embeddings.length, 0) };
    }
    return { subjects: counted.subjects, embeddings: counted.embeddings, reachable: galleryHealth(gallery).reachable };
  };
}
