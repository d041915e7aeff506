/**
 * `WorkerPool`: N engine workers fed from one bounded queue. Runtime-agnostic: the runtime entry
 * point injects {@link SpawnWorker}, which wraps a Node `worker_threads.Worker` or a Web Worker.
 * @module
 */
import type { RunOptions, TaskName, TaskResult } from "../../core/engine/types.ts";
import { TaskUnavailableError } from "../../core/engine/task-unavailable-error.ts";
import { declaredPixels } from "./image-cost.ts";
import { JobFailedError, PoolUnavailableError, QueueFullError, WorkerLostError } from "./pool-errors.ts";
import type { RequestTiming } from "../timing/request-timing.ts";
import { sharedClockNow, type WorkerInit, type WorkerJobTiming, type WorkerReply, type WorkerRequest } from "./worker-messages.ts";

/** Callbacks the pool gives a spawned worker. */
export interface WorkerEvents {
  /** A message from the worker. */
  onMessage(reply: WorkerReply): void;
  /** The worker died (uncaught error, exit, abort); called at most once. */
  onExit(reason: string): void;
}

/** The main thread's end of one worker. */
export interface WorkerHandle {
  /** Posts a message, transferring the listed buffers. */
  postMessage(message: WorkerRequest, transfer: ArrayBuffer[]): void;
  /** Stops the worker; no further events are wanted. */
  terminate(): void;
}

/** Starts one engine worker (per runtime: Node worker_threads, Deno/Bun Web Workers). */
export type SpawnWorker = (events: WorkerEvents) => WorkerHandle;

/** Settings of a {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of workers (≥ 1). */
  size: number;
  /** Starts a worker. */
  spawnWorker: SpawnWorker;
  /** What each worker loads: one init for all, or one per worker index (0 … size − 1). */
  init: WorkerInit | ((index: number) => WorkerInit);
  /**
   * Images declaring more pixels are refused on the main thread, before any worker or decoder
   * sees them (default: no check here; the workers' decoders still check).
   */
  maxPixels?: number;
  /**
   * Decoded pixels (sum of the headers' width × height) that may be in the workers at once;
   * a job that would exceed it waits in the queue (default: unlimited). One job always runs.
   */
  maxInFlightPixels?: number;
  /** Jobs that may wait for a free worker (0 = none wait). */
  queueLength: number;
  /** Bytes of waiting jobs allowed. */
  maxQueuedBytes: number;
  /** A job running longer than this gets its worker replaced and fails with {@link WorkerLostError}. */
  jobTimeoutMs: number;
  /** Receives notes about replaced workers (default: console.error). */
  log?: (message: string) => void;
  /**
   * Milliseconds after a worker's last job on a task it loads on first use (its init's
   * `loadOnFirstUse`) after which that worker is restarted, once free, to give back the memory
   * those models took (a WASM heap never shrinks; only ending the worker frees it). The task's next
   * request loads the model again. Default: never.
   */
  unloadIdleMs?: number;
}

interface Job {
  task: TaskName;
  bytes: Uint8Array;
  /** Receives the queue, transfer and engine stages (when the caller measures). */
  timing: RequestTiming | undefined;
  submittedAt: number;
  postedAt: number;
  options: RunOptions | undefined;
  /** Declared pixels, charged to the in-flight budget while the job runs. */
  pixels: number;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  handle: WorkerHandle | undefined;
  ready: boolean;
  /** The init this slot's workers get. */
  init: WorkerInit;
  /** Tasks the slot's worker runs (from its "ready" message). */
  tasks: readonly TaskName[];
  job: Job | undefined;
  jobId: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Starts in a row that died before becoming ready. */
  failedStarts: number;
  /** Fires {@link WorkerPoolOptions.unloadIdleMs} after the last first-use job. */
  unloadTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The unload time passed since the worker's last first-use job (so it holds those models and has
   * been idle on them): restart it once it is free. Cleared whenever the worker restarts.
   */
  unloadWhenFree: boolean;
}

/** Consecutive failed starts after which a slot stays empty. */
const MAX_FAILED_STARTS = 3;

/** A bounded pool of engine workers. */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #queuedBytes = 0;
  #inFlightPixels = 0;
  #nextJobId = 1;
  #closing = false;
  #started = false;
  #tasks: TaskName[] = [];
  #idleWaiters: (() => void)[] = [];
  #restarts = 0;
  #log: (message: string) => void;

  /** @param options Size, worker factory, worker init and queue limits. */
  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`Pool size must be an integer ≥ 1, got "${options.size}"`);
    }
    this.#options = options;
    this.#log = options.log ?? ((m) => console.error(m));
  }

  /**
   * Starts every worker and waits until all have loaded their models.
   *
   * @returns The tasks the workers loaded.
   * @throws {Error} When a worker fails to start (its message says why).
   */
  async start(): Promise<readonly TaskName[]> {
    const starts: Promise<TaskName[]>[] = [];
    const { init } = this.#options;
    for (let i = 0; i < this.#options.size; i++) {
      const slotInit = typeof init === "function" ? init(i) : init;
      const slot: Slot = {
        handle: undefined, ready: false, init: slotInit, tasks: [], job: undefined, jobId: 0, timer: undefined, failedStarts: 0,
        unloadTimer: undefined, unloadWhenFree: false,
      };
      this.#slots.push(slot);
      starts.push(this.#spawn(slot));
    }
    try {
      const loaded = await Promise.all(starts);
      this.#tasks = [...new Set(loaded.flat())];
      this.#started = true;
      return this.#tasks;
    } catch (error) {
      await this.close(0);
      throw error;
    }
  }

  /** The tasks at least one worker runs. */
  get tasks(): readonly TaskName[] {
    return this.#tasks;
  }

  /** Jobs waiting for a free worker (not yet running). */
  get queued(): number {
    return this.#queue.length;
  }

  /** Workers running a job. */
  get busy(): number {
    return this.#slots.filter((s) => s.job !== undefined).length;
  }

  /** Workers started and ready for jobs. */
  get alive(): number {
    return this.#slots.filter((s) => s.ready).length;
  }

  /** Workers configured. */
  get size(): number {
    return this.#options.size;
  }

  /** Workers replaced since start (after a crash or a job timeout). */
  get restarts(): number {
    return this.#restarts;
  }

  /** Decoded pixels of the jobs now in the workers. */
  get inFlightPixels(): number {
    return this.#inFlightPixels;
  }

  /** Jobs running plus jobs waiting. */
  get pending(): number {
    return this.#slots.filter((s) => s.job !== undefined).length + this.#queue.length;
  }

  /**
   * Runs `task` on the image in a worker. The bytes are transferred (or copied when they are a
   * view into a larger buffer): do not use `bytes` afterwards.
   *
   * @param task The task to run.
   * @param bytes The encoded image.
   * @param timing When given, receives the queue wait, both transfers and the engine's stages.
   * @param options Per-job options (e.g. how many faces recognition embeds).
   * @returns The task's result.
   * @throws {QueueFullError} Immediately when no worker is free and the queue is full.
   * @throws {JobFailedError} When the image cannot be decoded or the task failed.
   * @throws {WorkerLostError} When the worker died or timed out; it is replaced.
   * @throws {PoolUnavailableError} When the pool is closing or has no live worker.
   */
  submit(task: TaskName, bytes: Uint8Array, timing?: RequestTiming, options?: RunOptions): Promise<TaskResult> {
    if (this.#closing) return Promise.reject(new PoolUnavailableError("The server is shutting down"));
    if (this.#slots.every((s) => s.handle === undefined)) {
      return Promise.reject(new PoolUnavailableError("No engine worker is running"));
    }
    if (!this.#runnable(task)) {
      const message = new TaskUnavailableError(task, this.#tasks).message;
      return Promise.reject(new JobFailedError({ kind: "unavailable", message }));
    }
    let pixels = 0;
    try {
      pixels = declaredPixels(bytes, this.#options.maxPixels ?? Number.POSITIVE_INFINITY);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<TaskResult>((resolve, reject) => {
      const job: Job = { task, bytes, pixels, timing, submittedAt: timing === undefined ? 0 : performance.now(), postedAt: 0, options, resolve, reject };
      const waitingAhead = this.#queue.some((queued) => queued.task === task);
      const free = waitingAhead ? undefined : this.#slots.find((s) => s.ready && s.job === undefined && s.tasks.includes(task));
      if (free !== undefined && this.#fitsBudget(job)) return this.#dispatch(free, job);
      const { queueLength, maxQueuedBytes } = this.#options;
      if (this.#queue.length >= queueLength || this.#queuedBytes + bytes.byteLength > maxQueuedBytes) {
        return reject(new QueueFullError(this.#queue.length, this.#queuedBytes));
      }
      this.#queue.push(job);
      this.#queuedBytes += bytes.byteLength;
    });
  }

  /** Whether a live (or restarting) worker runs `task`; before start, whether any worker lives. */
  #runnable(task: TaskName): boolean {
    return this.#slots.some((s) => s.handle !== undefined && (!this.#started || s.tasks.includes(task)));
  }

  /** Whether `job` may start now without the in-flight pixels passing the budget. */
  #fitsBudget(job: Job): boolean {
    const budget = this.#options.maxInFlightPixels;
    return budget === undefined || this.#inFlightPixels === 0 || this.#inFlightPixels + job.pixels <= budget;
  }

  /**
   * Refuses new jobs, waits up to `graceMs` for running and queued jobs, then stops every worker.
   * Jobs still pending after the grace period fail with {@link PoolUnavailableError}.
   *
   * @param graceMs Milliseconds to wait for pending jobs.
   */
  async close(graceMs: number): Promise<void> {
    this.#closing = true;
    if (this.pending > 0 && graceMs > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.#idleWaiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    for (const job of this.#queue.splice(0)) job.reject(new PoolUnavailableError("The server is shutting down"));
    this.#queuedBytes = 0;
    for (const slot of this.#slots) {
      clearTimeout(slot.timer);
      clearTimeout(slot.unloadTimer);
      slot.job?.reject(new PoolUnavailableError("The server is shutting down"));
      slot.job = undefined;
      slot.handle?.terminate();
      slot.handle = undefined;
      slot.ready = false;
    }
  }

  #spawn(slot: Slot): Promise<TaskName[]> {
    return new Promise<TaskName[]>((resolveStart, rejectStart) => {
      // Events of a worker that was already discarded (timed out, replaced) are ignored.
      const current = () => slot.handle === handle;
      const handle: WorkerHandle = this.#options.spawnWorker({
        onMessage: (reply) => {
          if (!current()) return;
          if (reply.type === "ready") {
            slot.ready = true;
            slot.tasks = reply.tasks;
            slot.failedStarts = 0;
            resolveStart(reply.tasks);
            this.#pump(slot);
          } else if (reply.type === "start-failed") {
            this.#onWorkerLost(slot, `it failed to start: ${reply.message}`);
            rejectStart(new Error(`An engine worker failed to start: ${reply.message}`));
          } else if (reply.id === slot.jobId && slot.job !== undefined) {
            const job = slot.job;
            this.#finish(slot);
            if (reply.type === "result") {
              // Workers that predate timing (or test doubles) send none.
              if (job.timing !== undefined && reply.timing !== undefined) recordWorkerTiming(job, reply.timing);
              job.resolve(reply.result);
            }
            else job.reject(new JobFailedError(reply.failure));
            this.#pumpAll();
          }
        },
        onExit: (reason) => {
          if (!current()) return;
          this.#onWorkerLost(slot, reason);
          rejectStart(new Error(`An engine worker died while starting: ${reason}`));
        },
      });
      slot.handle = handle;
      slot.ready = false;
      handle.postMessage({ type: "init", init: slot.init }, []);
    });
  }

  #dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    if (slot.init.loadOnFirstUse?.includes(job.task)) {
      clearTimeout(slot.unloadTimer);
      slot.unloadTimer = undefined;
      slot.unloadWhenFree = false;
    }
    this.#inFlightPixels += job.pixels;
    slot.jobId = this.#nextJobId++;
    const bytes = ownedBytes(job.bytes);
    job.bytes = new Uint8Array(0);
    slot.timer = setTimeout(() => {
      this.#onWorkerLost(slot, `a job took longer than "${this.#options.jobTimeoutMs}" ms`);
    }, this.#options.jobTimeoutMs);
    try {
      if (job.timing !== undefined) job.postedAt = performance.now();
      const message: WorkerRequest = { type: "run", id: slot.jobId, task: job.task, bytes, ...(job.options === undefined ? {} : { options: job.options }) };
      slot.handle?.postMessage(message, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      this.#finish(slot);
      job.reject(new WorkerLostError(`posting the job failed: ${(error as Error).message}`));
    }
  }

  #finish(slot: Slot): void {
    const job = slot.job;
    if (job !== undefined) this.#inFlightPixels -= job.pixels;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    const unloadIdleMs = this.#options.unloadIdleMs ?? 0;
    if (job !== undefined && unloadIdleMs > 0 && slot.init.loadOnFirstUse?.includes(job.task)) {
      clearTimeout(slot.unloadTimer);
      slot.unloadTimer = setTimeout(() => {
        slot.unloadTimer = undefined;
        slot.unloadWhenFree = true;
        this.#pump(slot);
      }, unloadIdleMs);
    }
  }

  /** Restarts an idle worker that holds first-use models, so their memory goes back to the system. */
  #unload(slot: Slot): void {
    slot.unloadWhenFree = false;
    const handle = slot.handle;
    slot.handle = undefined;
    slot.ready = false;
    handle?.terminate();
    this.#log(`Engine worker restarted to free the models of ${slot.init.loadOnFirstUse?.join(", ")} (unused for ${this.#options.unloadIdleMs} ms)`);
    this.#spawn(slot).catch(() => undefined);
  }

  /** Gives every free, ready slot its next waiting job. */
  #pumpAll(): void {
    for (const slot of this.#slots) this.#pump(slot);
  }

  /**
   * Gives a free, ready slot the oldest waiting job it can run, if the pixel budget allows (the
   * job then waits for running ones to finish rather than being passed by later ones), or
   * signals idleness.
   */
  #pump(slot: Slot): void {
    if (slot.ready && slot.job === undefined && slot.unloadWhenFree && !this.#closing) {
      const wanted = this.#queue.some((job) => slot.init.loadOnFirstUse?.includes(job.task));
      if (!wanted) this.#unload(slot);
      else slot.unloadWhenFree = false;
    }
    if (slot.ready && slot.job === undefined) {
      const index = this.#queue.findIndex((job) => slot.tasks.includes(job.task));
      const next = this.#queue[index];
      if (next !== undefined && this.#fitsBudget(next)) {
        this.#queue.splice(index, 1);
        this.#queuedBytes -= next.bytes.byteLength;
        this.#dispatch(slot, next);
      }
    }
    if (this.pending === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /** Fails the slot's job, discards its worker and starts a replacement. */
  #onWorkerLost(slot: Slot, reason: string): void {
    const job = slot.job;
    this.#finish(slot);
    clearTimeout(slot.unloadTimer);
    slot.unloadTimer = undefined;
    slot.unloadWhenFree = false;
    const handle = slot.handle;
    slot.handle = undefined;
    const wasReady = slot.ready;
    slot.ready = false;
    handle?.terminate();
    job?.reject(new WorkerLostError(reason));
    if (this.#closing) return this.#pumpAll();
    slot.failedStarts = wasReady ? 0 : slot.failedStarts + 1;
    if (!this.#started || slot.failedStarts >= MAX_FAILED_STARTS) {
      if (this.#started) this.#log(`Engine worker not replaced after ${slot.failedStarts} failed starts: ${reason}`);
      for (const queued of [...this.#queue]) {
        if (this.#runnable(queued.task)) continue;
        this.#queue.splice(this.#queue.indexOf(queued), 1);
        this.#queuedBytes -= queued.bytes.byteLength;
        queued.reject(new PoolUnavailableError("No engine worker is running"));
      }
      return this.#pumpAll();
    }
    this.#log(`Engine worker replaced: ${reason}`);
    this.#restarts++;
    this.#spawn(slot).catch(() => undefined);
    this.#pumpAll();
  }
}

/**
 * Fills the job's timing record from the worker's: the queue wait, the engine's stages, and the two
 * transfers measured on the clock all threads share.
 */
function recordWorkerTiming(job: Job, worker: WorkerJobTiming): void {
  const timing = job.timing as RequestTiming;
  const origin = performance.timeOrigin;
  timing.queueMs = job.postedAt - job.submittedAt;
  timing.toWorkerMs = Math.max(0, worker.receivedAt - (origin + job.postedAt));
  timing.fromWorkerMs = Math.max(0, sharedClockNow() - worker.repliedAt);
  timing.decodeMs = worker.decodeMs;
  timing.preprocessMs = worker.preprocessMs;
  timing.inferenceMs = worker.inferenceMs;
  timing.postprocessMs = worker.postprocessMs;
}

/** The bytes in a buffer of their own, so it can be transferred without detaching anyone else's data. */
function ownedBytes(bytes: Uint8Array): Uint8Array {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return bytes;
  return bytes.slice();
}
