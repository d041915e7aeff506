/**
 * The worker side of the pool: builds one engine from the `init` message, then answers `run`
 * messages one at a time. Runtime-agnostic: each runtime's `engine-worker.ts` passes its message
 * port and an engine factory (which knows where models/ and the WASM files are).
 * @module
 */
import { TaskUnavailableError } from "../../core/engine/task-unavailable-error.ts";
import type { Engine } from "../../core/engine/types.ts";
import { emptyEngineTimings } from "../../core/timing/stage-timings.ts";
import { sharedClockNow, type WorkerFailure, type WorkerInit, type WorkerReply, type WorkerRequest } from "./worker-messages.ts";

/** The worker's end of the channel to the main thread. */
export interface WorkerPort {
  /** Registers the one message handler. */
  onMessage(handler: (message: WorkerRequest) => void): void;
  /** Posts a reply to the main thread. */
  postMessage(reply: WorkerReply): void;
}

/** Builds the worker's engine from the init message. */
export type CreateWorkerEngine = (init: WorkerInit) => Promise<Engine>;

/**
 * Serves engine jobs on `port` until the worker is terminated.
 *
 * @param port The message channel to the pool.
 * @param createWorkerEngine Builds the engine (loads models) for the `init` message.
 */
export function serveEngineWorker(port: WorkerPort, createWorkerEngine: CreateWorkerEngine): void {
  let engine: Promise<Engine> | undefined;
  port.onMessage((message) => {
    if (message.type === "init") {
      engine = createWorkerEngine(message.init);
      engine.then(
        (e) => port.postMessage({ type: "ready", tasks: [...e.tasks] }),
        (error) => port.postMessage({ type: "start-failed", message: describe(error) }),
      );
      return;
    }
    if (engine === undefined) {
      port.postMessage({ type: "error", id: message.id, failure: { kind: "internal", message: "The worker was not initialised" } });
      return;
    }
    const receivedAt = sharedClockNow();
    const { id, task, bytes, options } = message;
    const timings = emptyEngineTimings();
    engine
      .then((e) => e.run(task, bytes, timings, options))
      .then(
        (result) => port.postMessage({ type: "result", id, result, timing: { ...timings, receivedAt, repliedAt: sharedClockNow() } }),
        (error) => port.postMessage({ type: "error", id, failure: toFailure(error) }),
      );
  });
}

function toFailure(error: unknown): WorkerFailure {
  if (error instanceof TaskUnavailableError) return { kind: "unavailable", message: error.message };
  // ImageDecodeError is matched by name so this module does not depend on the decoder's class identity.
  const named = error as { name?: unknown; code?: unknown };
  if (named?.name === "ImageDecodeError") {
    return { kind: "decode", message: describe(error), code: typeof named.code === "string" ? named.code : undefined };
  }
  return { kind: "internal", message: describe(error) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
