/**
 * The timing record of one image request, socket to socket: the one structure every transport
 * fills, the REST `Server-Timing` header and the `--timing-log` lines are written from, and a
 * metrics endpoint can observe (`VisionService.addTimingListener`).
 *
 * Stages in order: receive/parse (transport) → queue wait, transfer to the worker (pool) → decode,
 * pre-process, inference, post-process (engine, in the worker) → transfer back (pool) → format
 * (reply formatter) → send (transport). `totalMs` runs from the transport's first look at the
 * request to the end of its send call; what no stage claims (promise hops, waiting for an earlier
 * reply of the same connection) is `totalMs` minus the sum of the stages.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import type { EngineTimings } from "../../core/timing/stage-timings.ts";
import type { Transport } from "../replies/error-replies.ts";

/** Milliseconds of each stage of one request (0 for stages the request did not reach). */
export interface RequestTiming extends EngineTimings {
  task: TaskName;
  transport: Transport;
  /** Reply status (REST status; the same code for WebSocket/TCP replies, which carry none). */
  status: number;
  /** Reading and parsing the request (REST body and its encoding, WebSocket message bytes). */
  receiveMs: number;
  /** Waiting for a free worker. */
  queueMs: number;
  /** `postMessage` on the main thread → the worker's handler (structured clone, worker wake-up). */
  toWorkerMs: number;
  /** The worker's reply `postMessage` → the main thread's handler. */
  fromWorkerMs: number;
  /** Result → MobiledgeX JSON text (and the TCP reply frame). */
  formatMs: number;
  /** Handing the reply to the socket (WebSocket/TCP; REST cannot time its own send in its header). */
  sendMs: number;
  /** First look at the request → end of the send call. */
  totalMs: number;
}

/** The stages in request order with their `Server-Timing` metric names. */
export const REQUEST_STAGES = [
  ["receiveMs", "recv"],
  ["queueMs", "queue"],
  ["toWorkerMs", "to-worker"],
  ["decodeMs", "decode"],
  ["preprocessMs", "pre"],
  ["inferenceMs", "infer"],
  ["postprocessMs", "post"],
  ["fromWorkerMs", "from-worker"],
  ["formatMs", "format"],
  ["sendMs", "send"],
] as const satisfies readonly (readonly [keyof RequestTiming, string])[];

/** A stage's key in {@link RequestTiming}. */
export type RequestStage = (typeof REQUEST_STAGES)[number][0];

/** Receives every finished {@link RequestTiming} (a metrics histogram, the timing log). */
export type RequestTimingListener = (timing: Readonly<RequestTiming>) => void;

/**
 * Measures one request: the transport creates it on arrival, each layer adds its stage, the
 * transport calls {@link finish} after sending.
 */
export class RequestTimer {
  /** The record being filled (the pool and the service write their stages into it). */
  readonly timing: RequestTiming;
  readonly #start: number;
  #mark: number;

  /**
   * @param task The requested task.
   * @param transport The transport the request came on.
   */
  constructor(task: TaskName, transport: Transport) {
    this.#start = this.#mark = performance.now();
    this.timing = {
      task, transport, status: 200, receiveMs: 0, queueMs: 0, toWorkerMs: 0, decodeMs: 0, preprocessMs: 0,
      inferenceMs: 0, postprocessMs: 0, fromWorkerMs: 0, formatMs: 0, sendMs: 0, totalMs: 0,
    };
  }

  /** Starts timing a stage (the next {@link lap} measures from here). */
  mark(): void {
    this.#mark = performance.now();
  }

  /**
   * Adds the time since the last {@link mark} (or lap, or the start) to `stage`.
   *
   * @param stage The stage that just ended.
   */
  lap(stage: "receiveMs" | "formatMs" | "sendMs"): void {
    const now = performance.now();
    this.timing[stage] += now - this.#mark;
    this.#mark = now;
  }

  /**
   * Ends the request.
   *
   * @returns The finished record.
   */
  finish(): RequestTiming {
    this.timing.totalMs = performance.now() - this.#start;
    return this.timing;
  }
}

/**
 * The record as a `Server-Timing` header value (stages so far, `total` = until the header was made).
 *
 * @param timing The record.
 * @returns e.g. `recv;dur=0.101, queue;dur=0.002, …, total;dur=5.204`.
 * @example
 * ```ts
 * headers["Server-Timing"] = serverTimingHeader(timer.finish());
 * ```
 */
export function serverTimingHeader(timing: Readonly<RequestTiming>): string {
  let text = "";
  for (const [key, name] of REQUEST_STAGES) {
    if (key !== "sendMs") text += `${name};dur=${timing[key].toFixed(3)}, `;
  }
  return `${text}total;dur=${timing.totalMs.toFixed(3)}`;
}

/**
 * The record as one JSON line for the `--timing-log` debug log: `{"timing":{...}}`, milliseconds
 * with three decimals.
 *
 * @param timing The record.
 * @returns The line (no newline).
 */
export function timingLogLine(timing: Readonly<RequestTiming>): string {
  const fields: Record<string, string | number> = { task: timing.task, transport: timing.transport, status: timing.status };
  for (const [key] of REQUEST_STAGES) fields[key] = Number(timing[key].toFixed(3));
  fields.totalMs = Number(timing.totalMs.toFixed(3));
  return JSON.stringify({ timing: fields });
}
