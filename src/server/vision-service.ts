/**
 * `VisionService`: the one seam every transport (REST, WebSocket, TCP) calls with a task and the
 * image bytes. It runs the task in the worker pool, formats the result with the task's reply
 * formatter, and maps every failure onto the protocol's error replies.
 * @module
 */
import type { FaceDetectionResult, RunOptions, TaskName, TaskResult } from "../core/engine/types.ts";
import { JobFailedError, PoolUnavailableError, QueueFullError } from "./pool/pool-errors.ts";
import { errorReplyBody, type Transport, unsupportedTaskReply } from "./replies/error-replies.ts";
import { formatNoRecognitionReply } from "./replies/no-recognition-reply.ts";
import type { RequestTimer, RequestTiming, RequestTimingListener } from "./timing/request-timing.ts";

export type { Transport };

/**
 * Turns a task's result into the MobiledgeX JSON text. May be async: the face-recognition hook
 * looks the embedding up in the gallery on the main thread.
 */
// deno-lint-ignore no-explicit-any
export type ReplyFormatter<R extends TaskResult = any> = (result: R) => string | Promise<string>;

/** Reply formatters by task. A task without one is answered as "not supported". */
export type ReplyFormatters = Partial<Record<TaskName, ReplyFormatter>>;

/** What runs tasks: the {@link WorkerPool} (or anything with the same two members, in tests). */
export interface TaskExecutor {
  /** Tasks the workers have loaded. */
  readonly tasks: readonly TaskName[];
  /**
   * Runs a task; the bytes are transferred. `timing` (optional) receives the pool's and engine's
   * stages; `options` are per-job task options.
   */
  submit(task: TaskName, bytes: Uint8Array, timing?: RequestTiming, options?: RunOptions): Promise<TaskResult>;
}

/** A reply for any transport: status (REST only), JSON body, extra REST headers. */
export interface ImageReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Seconds a client is asked to wait after a "busy" reply. */
export const RETRY_AFTER_SECONDS = 1;

/** Runs image tasks for every transport. */
export class VisionService {
  readonly #executor: TaskExecutor;
  readonly #replies: ReplyFormatters;
  readonly #timingListeners: RequestTimingListener[] = [];

  /**
   * @param executor The worker pool.
   * @param replies One formatter per task; the recognition helper plugs its gallery hook in here.
   */
  constructor(executor: TaskExecutor, replies: ReplyFormatters) {
    this.#executor = executor;
    this.#replies = replies;
  }

  /** Tasks that have both a loaded model and a reply formatter. */
  get tasks(): TaskName[] {
    return this.#executor.tasks.filter((task) => this.#replies[task] !== undefined);
  }

  /**
   * Whether `task` can be answered; REST checks this before reading the body (as the reference's
   * pose endpoint does). `/recognizer/predict/` is answerable with face detection alone.
   *
   * @param task The requested task.
   * @returns True when {@link handleImage} will run something.
   */
  supports(task: TaskName): boolean {
    if (this.tasks.includes(task)) return true;
    return task === "face-recognition" && this.tasks.includes("face-detection");
  }

  /**
   * Runs `task` on one encoded image and formats the reply.
   *
   * @param task The task the endpoint or opcode names.
   * @param bytes The encoded image; transferred to a worker, do not use afterwards.
   * @param transport Which transport asks (error wording and the `server_processing_time` key differ).
   * @param timer When given, receives the pool's, engine's and formatting stages and the status.
   * @returns Status, JSON body and headers. Never rejects.
   * @example
   * ```ts
   * const reply = await service.handleImage("face-detection", jpegBytes, "websocket");
   * socket.send(reply.body);
   * ```
   */
  async handleImage(task: TaskName, bytes: Uint8Array, transport: Transport = "rest", timer?: RequestTimer): Promise<ImageReply> {
    const reply = await this.#reply(task, bytes, transport, timer);
    if (timer !== undefined) {
      timer.lap("formatMs");
      timer.timing.status = reply.status;
    }
    return reply;
  }

  /**
   * Registers a listener for every finished request's timing (a metrics endpoint, the timing log).
   *
   * @param listener Called by {@link reportTiming}; must not throw.
   */
  addTimingListener(listener: RequestTimingListener): void {
    this.#timingListeners.push(listener);
  }

  /**
   * Ends a request's timing after its reply was sent and hands it to the listeners in a later task,
   * so they do not hold up the reply's write (Deno writes a WebSocket frame only after the current
   * task) or the connection's next request. Transports call this once per image request.
   *
   * @param timer The request's timer.
   */
  reportTiming(timer: RequestTimer): void {
    const timing = timer.finish();
    if (this.#timingListeners.length === 0) return;
    setTimeout(() => {
      for (const listener of this.#timingListeners) listener(timing);
    }, 0);
  }

  async #reply(task: TaskName, bytes: Uint8Array, transport: Transport, timer: RequestTimer | undefined): Promise<ImageReply> {
    try {
      if (!this.supports(task)) return unsupportedTaskReply(task, transport);
      if (this.#replies[task] !== undefined && this.#executor.tasks.includes(task)) {
        const result = await this.#executor.submit(task, bytes, timer?.timing);
        timer?.mark();
        return { status: 200, body: await (this.#replies[task] as ReplyFormatter)(result) };
      }
      // Recognition without its task: the reference's "recognition disabled" reply (§3.2).
      const detection = await this.#executor.submit("face-detection", bytes, timer?.timing) as FaceDetectionResult;
      timer?.mark();
      return { status: 200, body: formatNoRecognitionReply(detection) };
    } catch (error) {
      timer?.mark();
      return this.#failureReply(error, transport);
    }
  }

  #failureReply(error: unknown, transport: Transport): ImageReply {
    if (error instanceof QueueFullError) {
      return {
        status: 503,
        body: errorReplyBody("Server busy: the request queue is full, try again later", transport),
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      };
    }
    if (error instanceof PoolUnavailableError) {
      return { status: 503, body: errorReplyBody(error.message, transport), headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } };
    }
    if (error instanceof JobFailedError && error.failure.kind === "decode") {
      return { status: 400, body: errorReplyBody(`Cannot decode the image: ${error.message}`, transport) };
    }
    return { status: 500, body: errorReplyBody(`Internal error: ${(error as Error)?.message ?? String(error)}`, transport) };
  }
}
