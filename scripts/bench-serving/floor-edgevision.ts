/**
 * The EdgeVision layers for the bisect rows of scripts/bench-serving/floor-server.ts: the server's
 * own WorkerPool with this runtime's spawner (its engine worker and worker limits) and, on top of
 * it, the server's VisionService answered four ways: straight from the runtime's socket
 * (`direct`: RequestTimer, handleImage, send), through the server's WebSocket connection handler
 * (imageSocketEvents: reply chain, idle timer) with or without the metrics histograms and the
 * `--timing-log` line, and through the server's Hono app (createApp: its routes, upgrade check and
 * the runtime's Hono upgrade helper) with or without them. Every layer answers with its reply
 * followed by `|<decode + pre + inference + post ms>` of that request (appended by the reply
 * formatter, the same in every layer), the stages the bench subtracts from the server's replies.
 * @module
 */
import type { Hono } from "hono";
import type { UpgradeWebSocket, WSContext, WSMessageReceive } from "hono/ws";
import type { GetConnInfo } from "hono/conninfo";
import { createApp } from "../../src/server/app.ts";
import { assembleServer } from "../../src/server/assemble-server.ts";
import { defaultServerConfig, parseServerConfig } from "../../src/server/config.ts";
import { createNodeFileSystem } from "../../src/server/gallery/node-file-system.ts";
import { createRecognitionPlugin } from "../../src/server/recognition/recognition-plugin.ts";
import { ServerMetrics } from "../../src/server/observability/server-metrics.ts";
import { startServerPool } from "../../src/server/pool/server-pool.ts";
import { type SpawnWorker, WorkerPool } from "../../src/server/pool/worker-pool.ts";
import { workerInitFor } from "../../src/server/pool/task-placement.ts";
import { defaultReplyFormatters } from "../../src/server/task-replies.ts";
import { type RequestTiming, RequestTimer, timingLogLine } from "../../src/server/timing/request-timing.ts";
import { createSystemUsageSampler } from "../../src/server/usage/system-usage.ts";
import { type ReplyFormatter, type ReplyFormatters, type TaskExecutor, VisionService } from "../../src/server/vision-service.ts";
import { imageSocketEvents } from "../../src/server/websocket/image-socket.ts";
import { SocketRegistry } from "../../src/server/websocket/socket-registry.ts";

/** The engine stages the bench subtracts (decode + pre + inference + post). */
const engineMs = (t: Pick<RequestTiming, "decodeMs" | "preprocessMs" | "inferenceMs" | "postprocessMs">) =>
  t.decodeMs + t.preprocessMs + t.inferenceMs + t.postprocessMs;

/** A pool job's engine stages, filled by {@link WorkerPool.submit}. */
function emptyTiming(): RequestTiming {
  return {
    task: "face-detection", transport: "websocket", status: 200, receiveMs: 0, queueMs: 0, toWorkerMs: 0, decodeMs: 0,
    preprocessMs: 0, inferenceMs: 0, postprocessMs: 0, fromWorkerMs: 0, formatMs: 0, sendMs: 0, totalMs: 0,
  };
}

/** Which of the server's per-request listeners a service has. */
export interface ServiceListeners {
  /** The `--timing-log` line, written to stderr. */
  timingLog: boolean;
  /** The `/metrics` histograms (ServerMetrics.observeImageRequest). */
  metrics: boolean;
}

/** The EdgeVision layers of one floor server. */
export interface EdgeVisionLayers {
  /** The pool alone: resolves with the request's engine stages. */
  runPool(bytes: Uint8Array): Promise<number>;
  /**
   * Answers one frame with the service straight from the socket: a RequestTimer, handleImage and
   * the send, no connection handler (no reply chain, no idle timer), no listeners.
   *
   * @param bytes The frame.
   * @param send Sends a text frame.
   */
  direct(bytes: Uint8Array, send: (text: string) => void): Promise<void>;
  /**
   * Starts one connection of the server's WebSocket handler over the pool; returns the frame handler.
   *
   * @param send Sends a text frame.
   * @param listeners The per-request listeners the service has.
   */
  connection(send: (text: string) => void, listeners: ServiceListeners): (data: ArrayBuffer | Uint8Array | Blob) => void;
  /**
   * The server's Hono app (createApp) over the pool, with this runtime's Hono WebSocket helper.
   *
   * @param upgradeWebSocket hono/deno's, hono/bun's or @hono/node-server's helper.
   * @param listeners The per-request listeners its service has.
   */
  app(upgradeWebSocket: UpgradeWebSocket<unknown>, listeners: ServiceListeners): Hono;
  /**
   * The server's whole app as assembleServer builds it (a pool of its own, the static and
   * recognition mounts, metrics, `--timing-log on`), its engine stages read from the worker's replies.
   *
   * @param upgradeWebSocket This runtime's Hono upgrade helper.
   * @param getConnInfo This runtime's peer-address reader.
   */
  assembled(upgradeWebSocket: UpgradeWebSocket<unknown>, getConnInfo: GetConnInfo): Promise<Hono>;
}

/**
 * Starts a one-worker face-detection pool with the server's defaults; the layers share it.
 *
 * @param spawnWorker This runtime's engine worker spawner (the server's).
 * @returns The layers, once the worker has loaded.
 */
export async function startEdgeVisionLayers(spawnWorker: SpawnWorker): Promise<EdgeVisionLayers> {
  const spawnEngineWorker = spawnWorker;
  const config = { ...defaultServerConfig(1), poolSize: 1, tasks: ["face-detection" as const] };
  const pool = new WorkerPool({
    size: 1, spawnWorker, init: (index) => workerInitFor(config, index), maxPixels: config.maxPixels,
    queueLength: config.queueLength, maxQueuedBytes: config.maxQueuedBytes, jobTimeoutMs: config.jobTimeoutMs,
  });
  await pool.start();
  // One client, one frame at a time: the last job's stages belong to the reply being formatted.
  let lastEngineMs = 0;
  const executor: TaskExecutor = {
    get tasks() {
      return pool.tasks;
    },
    async submit(task, bytes, timing, options) {
      const result = await pool.submit(task, bytes, timing, options);
      if (timing !== undefined) lastEngineMs = engineMs(timing);
      return result;
    },
  };
  const format = defaultReplyFormatters()["face-detection"] as ReplyFormatter;
  // Face detection's formatter is synchronous (no gallery): no extra promise hop.
  const replies: ReplyFormatters = { "face-detection": (result) => `${format(result) as string}|${lastEngineMs.toFixed(4)}` };
  const metrics = new ServerMetrics({ queued: () => pool.queued, busy: () => pool.busy, alive: () => pool.alive, restarts: () => pool.restarts, residentBytes: () => 0 });
  const serviceWith = (listeners: ServiceListeners) => {
    const service = new VisionService(executor, replies);
    if (listeners.timingLog) service.addTimingListener((timing) => console.error(timingLogLine(timing)));
    if (listeners.metrics) service.addTimingListener((timing) => metrics.observeImageRequest(timing));
    return service;
  };
  const plain = serviceWith({ timingLog: false, metrics: false });
  const limits = { maxMessageBytes: config.maxBodyBytes, idleTimeoutMs: config.idleTimeoutMs };
  return {
    async runPool(bytes) {
      const timing = emptyTiming();
      await pool.submit("face-detection", bytes, timing);
      return engineMs(timing);
    },
    async direct(bytes, send) {
      const timer = new RequestTimer("face-detection", "websocket");
      timer.lap("receiveMs");
      const reply = await plain.handleImage("face-detection", bytes, "websocket", timer);
      timer.mark();
      send(reply.body);
      timer.lap("sendMs");
      plain.reportTiming(timer);
    },
    connection(send, listeners) {
      const service = serviceWith(listeners);
      const ws = { readyState: 1, send, close: () => undefined } as unknown as WSContext;
      const events = imageSocketEvents("face-detection", service, limits, { opened: () => () => undefined });
      events.onOpen?.(new Event("open"), ws);
      return (data) => events.onMessage?.(new MessageEvent("message", { data: data as WSMessageReceive }), ws);
    },
    app(upgradeWebSocket, listeners) {
      return createApp({
        service: serviceWith(listeners),
        upgradeWebSocket,
        usage: createSystemUsageSampler(),
        limits: { maxBodyBytes: config.maxBodyBytes, requestTimeoutMs: config.requestTimeoutMs, idleTimeoutMs: config.idleTimeoutMs },
        sockets: new SocketRegistry(),
        metrics,
      });
    },
    async assembled(upgradeWebSocket, getConnInfo) {
      let assembledEngineMs = 0;
      // The worker's reply carries the job's engine stages; the reply formatter appends them.
      const capturing: SpawnWorker = (events) =>
        spawnEngineWorker({
          ...events,
          onMessage: (reply) => {
            if (reply.type === "result" && reply.timing !== undefined) assembledEngineMs = engineMs(reply.timing);
            events.onMessage(reply);
          },
        });
      const serverConfig = parseServerConfig({ argv: ["--pool-size", "1", "--tasks", "face-detection", "--timing-log", "on"], getEnv: () => undefined, cores: 1 });
      const parts = await assembleServer({
        config: serverConfig,
        pool: startServerPool(serverConfig, capturing),
        upgradeWebSocket,
        getConnInfo,
        replies: { "face-detection": (result) => `${format(result) as string}|${assembledEngineMs.toFixed(4)}` },
        plugins: [createRecognitionPlugin(createNodeFileSystem())],
      });
      return parts.app;
    },
  };
}
