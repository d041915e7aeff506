/**
 * The typed errors of the {@link WorkerPool}; transports map them onto status codes.
 * @module
 */
import type { WorkerFailure } from "./worker-messages.ts";

/** The queue is full: the caller should answer "busy" (REST 503 + Retry-After). */
export class QueueFullError extends Error {
  constructor(readonly queued: number, readonly queuedBytes: number) {
    super(`The request queue is full ("${queued}" jobs, "${queuedBytes}" bytes waiting)`);
    this.name = "QueueFullError";
  }
}

/** A job failed inside a worker (bad image, task not loaded, or an internal error). */
export class JobFailedError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
    this.name = "JobFailedError";
  }
}

/** The worker running the job died or overran the job timeout; it has been replaced. */
export class WorkerLostError extends Error {
  constructor(reason: string) {
    super(`The engine worker was lost: ${reason}`);
    this.name = "WorkerLostError";
  }
}

/** The pool is shutting down or has no live worker. */
export class PoolUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "PoolUnavailableError";
  }
}
