/**
 * One WebSocket connection on `/ws/<endpoint>` (§5): each binary frame is one image and gets
 * exactly one JSON text reply; text frames are echoed verbatim. Frames are submitted to the pool
 * as they arrive (so one client can use several workers), but replies go out strictly in arrival
 * order through a per-connection chain.
 * @module
 */
import type { WSContext, WSEvents, WSMessageReceive } from "hono/ws";
import type { TaskName } from "../../core/engine/types.ts";
import { errorReplyBody } from "../replies/error-replies.ts";
import { RequestTimer } from "../timing/request-timing.ts";
import type { VisionService } from "../vision-service.ts";

/** Limits of one connection. */
export interface ImageSocketLimits {
  /** Largest binary message in bytes; larger ones get a JSON error (where the runtime has not closed already). */
  maxMessageBytes: number;
  /** A connection with no message for this long and nothing pending is closed (code 1001). */
  idleTimeoutMs: number;
}

/**
 * Builds the event handlers of one connection.
 *
 * @param task The endpoint's task.
 * @param service Runs the task.
 * @param limits Message size and idle limits.
 * @param track Counts open connections (for shutdown).
 * @returns Hono WebSocket events.
 */
export function imageSocketEvents(
  task: TaskName,
  service: VisionService,
  limits: ImageSocketLimits,
  track: { opened(close: () => void): () => void },
): WSEvents {
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let untrack: (() => void) | undefined;
  let socket: WSContext | undefined;

  const armIdle = () => {
    clearTimeout(idleTimer);
    if (pending === 0) idleTimer = setTimeout(() => socket?.close(1001, "Idle timeout"), limits.idleTimeoutMs);
  };

  return {
    onOpen(_event, ws) {
      socket = ws;
      untrack = track.opened(() => ws.close(1001, "Server shutting down"));
      armIdle();
    },
    onMessage(event, ws) {
      socket = ws;
      clearTimeout(idleTimer);
      pending++;
      const timer = typeof event.data === "string" ? undefined : new RequestTimer(task, "websocket");
      const reply = replyFor(event.data, task, service, limits, timer);
      chain = chain.then(async () => {
        const text = await reply;
        timer?.mark();
        try {
          if (ws.readyState === 1) ws.send(text);
        } catch {
          // The peer went away; later frames of this connection are dropped the same way.
        }
        if (timer !== undefined) {
          timer.lap("sendMs");
          service.reportTiming(timer);
        }
        pending--;
        armIdle();
      });
    },
    onClose() {
      clearTimeout(idleTimer);
      untrack?.();
    },
    onError() {
      clearTimeout(idleTimer);
      untrack?.();
    },
  };
}

async function replyFor(
  data: WSMessageReceive,
  task: TaskName,
  service: VisionService,
  limits: ImageSocketLimits,
  timer: RequestTimer | undefined,
): Promise<string> {
  if (typeof data === "string") return data;
  try {
    const bytes = await messageBytes(data);
    timer?.lap("receiveMs");
    if (bytes.byteLength > limits.maxMessageBytes) {
      return errorReplyBody(`Message too large: the limit is "${limits.maxMessageBytes}" bytes`, "websocket");
    }
    return (await service.handleImage(task, bytes, "websocket", timer)).body;
  } catch (error) {
    return errorReplyBody(`Internal error: ${(error as Error)?.message ?? String(error)}`, "websocket");
  }
}

async function messageBytes(data: Exclude<WSMessageReceive, string>): Promise<Uint8Array> {
  if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (ArrayBuffer.isView(data)) {
    const view = data as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  return new Uint8Array(data as ArrayBuffer);
}
