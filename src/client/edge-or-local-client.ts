/**
 * The edge-or-local client: frames go to the edge over WebSocket while it is reachable and not
 * slower than on-device detection; otherwise they are processed locally. The result has the
 * same shape either way and says which path produced it.
 * @module
 */
import type { TaskName } from "../core/engine/types.ts";
import { EdgeConnection, EdgeUnavailableError, type WebSocketConstructor } from "./edge-connection.ts";
import { webSocketUrl } from "./endpoints.ts";
import type { LocalDetector } from "./local-detector.ts";
import { choosePath, type DetectionPath, type PathPolicy } from "./path-choice.ts";
import { type MobiledgeXReply, parseReply } from "./reply.ts";
import { RollingLatency } from "./rolling-latency.ts";

/** What {@link EdgeOrLocalClient.detect} returns. */
export interface DetectionOutcome {
  task: TaskName;
  /** The path that produced `reply`. */
  path: DetectionPath;
  /** The MobiledgeX reply document, the same shape on both paths. */
  reply: MobiledgeXReply;
  /** Milliseconds from handing the bytes over (send, or local call) to having the reply. */
  fullProcessMs: number;
  /** Set when the edge was tried for this frame and failed, so the frame ran locally. */
  edgeError?: string;
}

/** Per-task numbers, for display and tests. */
export interface PathStats {
  task: TaskName;
  edgeDown: boolean;
  /** Rolling median / mean full-process milliseconds of the edge and of local detection. */
  edgeMedianMs: number | undefined;
  edgeMeanMs: number | undefined;
  localMedianMs: number | undefined;
  localMeanMs: number | undefined;
  edgeFrames: number;
  localFrames: number;
  lastPath: DetectionPath | undefined;
}

/** Settings of {@link createEdgeOrLocalClient}. */
export interface EdgeOrLocalClientOptions {
  /** Base URL of the edge server, `http(s)://host:port` (or `ws(s)://`). */
  edgeUrl: string;
  /** `globalThis.WebSocket` in browsers, Deno and Bun; `WebSocket` from `ws` in Node 20. */
  WebSocket: WebSocketConstructor;
  /** On-device detection (omit for edge only). */
  local?: LocalDetector;
  /** Samples in each rolling window (default 20). */
  windowSize?: number;
  /** First samples of each path not counted, as they include model warm-up (default 1). */
  warmupSamples?: number;
  /** WebSocket handshake timeout (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Reply timeout; a slower reply counts as an edge failure (default 3000 ms). */
  replyTimeoutMs?: number;
  /** First wait before retrying a failed edge; doubles per failure up to `maxRetryDelayMs` (defaults 500 / 5000 ms). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** See {@link PathPolicy} (defaults 0.15 and 3000 ms). */
  edgeSlowerMargin?: number;
  exploreEveryMs?: number;
}

/** The client returned by {@link createEdgeOrLocalClient}. */
export interface EdgeOrLocalClient {
  /**
   * Processes one encoded frame on the edge or on the device.
   *
   * @param task The task to run.
   * @param image JPEG or PNG bytes.
   * @returns The reply and the path that produced it.
   * @throws {EdgeUnavailableError} When the edge fails and there is no local detector for `task`.
   * @throws {Error} When local detection fails (e.g. the bytes are not an image).
   */
  detect(task: TaskName, image: Uint8Array): Promise<DetectionOutcome>;
  /** Rolling latencies and state of a task. */
  stats(task: TaskName): PathStats;
  /** Closes every edge connection. */
  close(): void;
}

interface TaskRoute {
  connection: EdgeConnection;
  edge: RollingLatency;
  local: RollingLatency;
  edgeWarmup: number;
  localWarmup: number;
  edgeDown: boolean;
  edgeRetryAt: number;
  retryDelayMs: number;
  edgeLastUsedAt: number;
  localLastUsedAt: number;
  edgeFrames: number;
  localFrames: number;
  lastPath: DetectionPath | undefined;
}

/**
 * Creates an edge-or-local client.
 *
 * @param options Edge URL, WebSocket constructor, local detector and tuning.
 * @returns The client.
 * @example
 * ```ts
 * const client = createEdgeOrLocalClient({ edgeUrl: "http://127.0.0.1:8008", WebSocket, local });
 * const { path, reply, fullProcessMs } = await client.detect("face-detection", jpegBytes);
 * ```
 */
export function createEdgeOrLocalClient(options: EdgeOrLocalClientOptions): EdgeOrLocalClient {
  const settings = {
    windowSize: 20,
    warmupSamples: 1,
    connectTimeoutMs: 2000,
    replyTimeoutMs: 3000,
    retryDelayMs: 500,
    maxRetryDelayMs: 5000,
    edgeSlowerMargin: 0.15,
    exploreEveryMs: 3000,
    ...options,
  };
  const policy: PathPolicy = { edgeSlowerMargin: settings.edgeSlowerMargin, exploreEveryMs: settings.exploreEveryMs };
  const routes = new Map<TaskName, TaskRoute>();

  const routeOf = (task: TaskName): TaskRoute => {
    let route = routes.get(task);
    if (route === undefined) {
      route = {
        connection: new EdgeConnection(webSocketUrl(settings.edgeUrl, task), settings.WebSocket, settings),
        edge: new RollingLatency(settings.windowSize),
        local: new RollingLatency(settings.windowSize),
        edgeWarmup: settings.warmupSamples,
        localWarmup: settings.warmupSamples,
        edgeDown: false,
        edgeRetryAt: 0,
        retryDelayMs: settings.retryDelayMs,
        edgeLastUsedAt: -Infinity,
        localLastUsedAt: -Infinity,
        edgeFrames: 0,
        localFrames: 0,
        lastPath: undefined,
      };
      routes.set(task, route);
    }
    return route;
  };

  const runLocal = async (task: TaskName, route: TaskRoute, image: Uint8Array, edgeError?: string): Promise<DetectionOutcome> => {
    const local = settings.local!;
    const started = performance.now();
    const reply = await local.detect(task, image);
    const fullProcessMs = performance.now() - started;
    if (route.localWarmup > 0) route.localWarmup--;
    else route.local.add(fullProcessMs);
    route.localLastUsedAt = performance.now();
    route.localFrames++;
    route.lastPath = "local";
    return edgeError === undefined ? { task, path: "local", reply, fullProcessMs } : { task, path: "local", reply, fullProcessMs, edgeError };
  };

  const markEdgeDown = (route: TaskRoute) => {
    route.edgeDown = true;
    route.edgeRetryAt = performance.now() + route.retryDelayMs;
    route.retryDelayMs = Math.min(route.retryDelayMs * 2, settings.maxRetryDelayMs);
  };

  const markEdgeUp = (route: TaskRoute) => {
    if (!route.edgeDown) return;
    // Numbers from before the outage say nothing about the edge that came back.
    route.edgeDown = false;
    route.edge.clear();
    route.edgeWarmup = settings.warmupSamples;
    route.retryDelayMs = settings.retryDelayMs;
  };

  const runEdge = async (task: TaskName, route: TaskRoute, image: Uint8Array): Promise<DetectionOutcome> => {
    const canFallBack = settings.local?.supports(task) === true;
    let failure: string;
    try {
      const { text, ms } = await route.connection.request(image);
      const reply = parseReply(text);
      if (reply.error === undefined) {
        markEdgeUp(route);
        if (route.edgeWarmup > 0) route.edgeWarmup--;
        else route.edge.add(ms);
        route.edgeLastUsedAt = performance.now();
        route.edgeFrames++;
        route.lastPath = "edge";
        return { task, path: "edge", reply, fullProcessMs: ms };
      }
      // An error reply (task not supported, queue full): the edge cannot serve this task now.
      if (!canFallBack) return { task, path: "edge", reply, fullProcessMs: ms };
      failure = `Edge replied with an error: "${reply.error}"`;
    } catch (error) {
      if (!canFallBack) throw error;
      failure = error instanceof Error ? error.message : String(error);
    }
    markEdgeDown(route);
    return await runLocal(task, route, image, failure);
  };

  return {
    detect: async (task, image) => {
      const route = routeOf(task);
      const path = choosePath({
        now: performance.now(),
        localSupported: settings.local?.supports(task) === true,
        edgeDown: route.edgeDown,
        edgeRetryAt: route.edgeRetryAt,
        edgeRollingMs: route.edge.median,
        localRollingMs: route.local.median,
        edgeLastUsedAt: route.edgeLastUsedAt,
        localLastUsedAt: route.localLastUsedAt,
      }, policy);
      return path === "edge" ? await runEdge(task, route, image) : await runLocal(task, route, image);
    },
    stats: (task) => {
      const route = routeOf(task);
      return {
        task,
        edgeDown: route.edgeDown,
        edgeMedianMs: route.edge.median,
        edgeMeanMs: route.edge.mean,
        localMedianMs: route.local.median,
        localMeanMs: route.local.mean,
        edgeFrames: route.edgeFrames,
        localFrames: route.localFrames,
        lastPath: route.lastPath,
      };
    },
    close: () => {
      for (const route of routes.values()) route.connection.close();
    },
  };
}

export { EdgeUnavailableError };
