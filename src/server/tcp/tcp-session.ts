/**
 * One persistent-TCP connection (protocol §6): decodes request frames, runs them one at a time
 * in arrival order through the image service, and frames each reply. Runtime-agnostic; the
 * socket is reached only through {@link TcpTransport}.
 */
import type { TaskName } from "../../core/engine/types.ts";
import {
  encodeTcpReply,
  TCP_OPCODE_TASKS,
  TCP_PING_OPCODE,
  TCP_PONG_REPLY,
  TcpRequestDecoder,
  tcpErrorReply,
  unsupportedOpcodeReply,
} from "../../core/protocol/tcp-codec.ts";
import type { TcpConnectionHandler, TcpTransport } from "./tcp-transport.ts";
import { tcpReplyText } from "./tcp-reply-text.ts";
import { RequestTimer } from "../timing/request-timing.ts";

/** The part of the server's VisionService the TCP transport uses (it answers errors as JSON for "tcp"). */
export interface TcpImageService {
  handleImage(task: TaskName, bytes: Uint8Array, transport: "tcp", timer?: RequestTimer): Promise<{ status: number; body: string }>;
  /** Receives each image request's timing after its reply was written (optional). */
  reportTiming?(timer: RequestTimer): void;
}

/** Settings of a {@link TcpSession}. */
export interface TcpSessionOptions {
  service: TcpImageService;
  /** Largest request payload; a larger one gets a JSON error, then the connection closes. */
  maxPayloadBytes: number;
  /** Close the connection after this long without a request while nothing is in progress (0 = never). */
  idleTimeoutMs: number;
  /**
   * A started request frame must be complete within this many ms (slow or stalled senders), else
   * the client gets a JSON error and the connection closes (0 = no limit).
   */
  requestTimeoutMs?: number;
  /** Pause reading while more than this many requests wait (pipelining clients). Default 16. */
  maxQueuedRequests?: number;
  /** Called with unexpected failures (service exceptions, write errors); the session answers/closes by itself. */
  onError?: (error: unknown) => void;
}

type Job = { kind: "request"; opcode: number; payload: Uint8Array } | { kind: "refuse"; reply: string };

/** Per-connection state machine; create one per accepted socket. */
export class TcpSession implements TcpConnectionHandler {
  readonly #transport: TcpTransport;
  readonly #options: TcpSessionOptions;
  readonly #decoder: TcpRequestDecoder;
  readonly #jobs: Job[] = [];
  #working = false;
  #paused = false;
  #peerEnded = false;
  #closeAfterJobs = false;
  #closed = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #requestTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(transport: TcpTransport, options: TcpSessionOptions) {
    this.#transport = transport;
    this.#options = options;
    this.#decoder = new TcpRequestDecoder({ maxPayloadBytes: options.maxPayloadBytes });
    this.#armIdleTimer();
  }

  /** True once the session closed the connection or saw it close. */
  get isClosed(): boolean {
    return this.#closed;
  }

  receive(chunk: Uint8Array): void {
    if (this.#closed || this.#closeAfterJobs) return;
    this.#armIdleTimer();
    const events = this.#decoder.push(chunk);
    if (events.length > 0) {
      // A frame completed: the request timer restarts for whatever frame comes next.
      clearTimeout(this.#requestTimer);
      this.#requestTimer = undefined;
    }
    for (const event of events) {
      if (event.kind === "request") {
        this.#jobs.push(event);
      } else {
        const reply = tcpErrorReply(`Payload of ${event.length} bytes is over the limit of ${event.limit} bytes`);
        this.#jobs.push({ kind: "refuse", reply });
        this.#closeAfterJobs = true;
      }
    }
    this.#watchPartialFrame();
    if (!this.#paused && this.#jobs.length > (this.#options.maxQueuedRequests ?? 16)) {
      this.#paused = true;
      this.#transport.pause?.();
    }
    void this.#work();
  }

  end(): void {
    // A client may half-close after sending its last request: answer what was asked, then close.
    this.#peerEnded = true;
    if (!this.#working && this.#jobs.length === 0) this.#close();
  }

  closed(): void {
    this.#closed = true;
    this.#jobs.length = 0;
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#requestTimer);
  }

  /** Starts the request timer when a frame has begun but not ended; stops it when nothing is pending. */
  #watchPartialFrame(): void {
    const limit = this.#options.requestTimeoutMs ?? 0;
    if (this.#decoder.bufferedBytes === 0 || this.#closeAfterJobs) {
      clearTimeout(this.#requestTimer);
      this.#requestTimer = undefined;
    } else if (limit > 0 && this.#requestTimer === undefined) {
      this.#requestTimer = setTimeout(() => {
        this.#requestTimer = undefined;
        if (this.#closed || this.#decoder.bufferedBytes === 0) return;
        this.#jobs.push({ kind: "refuse", reply: tcpErrorReply(`Request not complete within ${limit} ms`) });
        this.#closeAfterJobs = true;
        void this.#work();
      }, limit);
    }
  }

  async #work(): Promise<void> {
    if (this.#working) return;
    this.#working = true;
    clearTimeout(this.#idleTimer);
    try {
      for (let job = this.#jobs.shift(); job !== undefined && !this.#closed; job = this.#jobs.shift()) {
        const timer = job.kind === "request" ? this.#timerFor(job.opcode) : undefined;
        const reply = job.kind === "refuse" ? job.reply : await this.#answer(job.opcode, job.payload, timer);
        if (this.#closed) return;
        const frame = encodeTcpReply(reply);
        timer?.lap("formatMs");
        await this.#transport.write(frame);
        if (timer !== undefined) {
          timer.lap("sendMs");
          this.#options.service.reportTiming?.(timer);
        }
        if (this.#paused && this.#jobs.length <= (this.#options.maxQueuedRequests ?? 16) / 2) {
          this.#paused = false;
          this.#transport.resume?.();
        }
      }
    } catch (error) {
      this.#options.onError?.(error);
      this.#close();
      return;
    } finally {
      this.#working = false;
    }
    if (this.#closeAfterJobs || this.#peerEnded) this.#close();
    else this.#armIdleTimer();
  }

  /** A timer for an image request (none for pings and unknown opcodes). */
  #timerFor(opcode: number): RequestTimer | undefined {
    const task = TCP_OPCODE_TASKS.get(opcode);
    return task === undefined ? undefined : new RequestTimer(task, "tcp");
  }

  async #answer(opcode: number, payload: Uint8Array, timer: RequestTimer | undefined): Promise<string> {
    if (opcode === TCP_PING_OPCODE) return TCP_PONG_REPLY;
    const task = TCP_OPCODE_TASKS.get(opcode);
    if (task === undefined) return unsupportedOpcodeReply(opcode);
    try {
      const { status, body } = await this.#options.service.handleImage(task, payload, "tcp", timer);
      return tcpReplyText(status, body);
    } catch (error) {
      this.#options.onError?.(error);
      return tcpErrorReply("Internal server error");
    }
  }

  #armIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    if (this.#options.idleTimeoutMs > 0 && !this.#closed) {
      this.#idleTimer = setTimeout(() => {
        if (!this.#working && this.#jobs.length === 0) this.#close();
      }, this.#options.idleTimeoutMs);
    }
  }

  #close(): void {
    if (this.#closed) return;
    this.closed();
    this.#transport.close();
  }
}
