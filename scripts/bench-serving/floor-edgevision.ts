/**
 * The EdgeVision layers for the bisect rows of scripts/bench-serving/floor-server.ts: the server's
 * own WorkerPool with this runtime's spawner (its engine worker and worker limits) and, on top of
 * it, the server's VisionService + WebSocket connection handler (imageSocketEvents: reply chain,
 * idle timer, RequestTimer, formatter), with or without the `--timing-log` line. Each layer answers
 * with its reply followed by `|<decode + pre + inference + post ms>` of that request, the same
 * stages the bench subtracts from the EdgeVision server's replies.
 * @module
 */
import { defaultServerConfig } from "../../src/server/config.ts";
import { type SpawnWorker, WorkerPool } from "../../src/server/pool/worker-pool.ts";
import { workerInitFor } from "../../src/server/pool/task-placement.ts";
import { defaultReplyFormatters } from "../../src/server/task-replies.ts";
import { type RequestTiming, timingLogLine } from "../../src/server/timing/request-timing.ts";
import { VisionService } from "../../src/server/vision-service.ts";
import { imageSocketEvents } from "../../src/server/websocket/image-socket.ts";
import type { WSContext, WSMessageReceive } from "hono/ws";

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

/** Records the engine stages of the request it last answered (one client, one frame at a time). */
class StageCapturingService extends VisionService {
  lastEngineMs = 0;

  override async handleImage(...args: Parameters<VisionService["handleImage"]>): ReturnType<VisionService["handleImage"]> {
    const reply = await super.handleImage(args[0], args[1], args[2], args[3]);
    if (args[3] !== undefined) this.lastEngineMs = engineMs(args[3].timing);
    return reply;
  }
}

/** The EdgeVision layers of one floor server. */
export interface EdgeVisionLayers {
  /** The pool alone: resolves with the request's engine stages. */
  runPool(bytes: Uint8Array): Promise<number>;
  /**
   * Starts one connection of the server's WebSocket handler over the pool; returns the frame handler.
   * @param send Sends a text frame.
   * @param timingLog Whether the `--timing-log` line is written (to stderr) after each reply.
   */
  connection(send: (text: string) => void, timingLog: boolean): (data: ArrayBuffer | Uint8Array) => void;
}

/**
 * Starts a one-worker face-detection pool with the server's defaults and the service over it.
 *
 * @param spawnWorker This runtime's engine worker spawner (the server's).
 * @returns The layers, once the worker has loaded.
 */
export async function startEdgeVisionLayers(spawnWorker: SpawnWorker): Promise<EdgeVisionLayers> {
  const config = { ...defaultServerConfig(1), poolSize: 1, tasks: ["face-detection" as const] };
  const pool = new WorkerPool({
    size: 1, spawnWorker, init: (index) => workerInitFor(config, index), maxPixels: config.maxPixels,
    queueLength: config.queueLength, maxQueuedBytes: config.maxQueuedBytes, jobTimeoutMs: config.jobTimeoutMs,
  });
  await pool.start();
  const logged = new StageCapturingService(pool, defaultReplyFormatters());
  logged.addTimingListener((timing) => console.error(timingLogLine(timing)));
  const unlogged = new StageCapturingService(pool, defaultReplyFormatters());
  return {
    async runPool(bytes) {
      const timing = emptyTiming();
      await pool.submit("face-detection", bytes, timing);
      return engineMs(timing);
    },
    connection(send, timingLog) {
      const service = timingLog ? logged : unlogged;
      const ws = { readyState: 1, send: (text: string) => send(`${text}|${service.lastEngineMs.toFixed(4)}`), close: () => undefined } as unknown as WSContext;
      const events = imageSocketEvents("face-detection", service, { maxMessageBytes: config.maxBodyBytes, idleTimeoutMs: 600_000 }, { opened: () => () => undefined });
      events.onOpen?.(new Event("open"), ws);
      return (data) => events.onMessage?.(new MessageEvent("message", { data: data as WSMessageReceive }), ws);
    },
  };
}
