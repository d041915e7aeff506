/**
 * A {@link BrowserLocalDetector} whose engines run in a dedicated module worker
 * (`/static/detector-worker.js`); the page only sends JPEG bytes and receives replies.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import type { MobiledgeXReply } from "../../client/reply.ts";
import type { BrowserLocalDetector } from "./browser-local-detector.ts";
import type { DetectorWorkerReply, DetectorWorkerRequest, DetectorWorkerSettings } from "./detector-worker-protocol.ts";
import { BROWSER_REPLY_FORMATTERS } from "./reply-formatters.ts";
import type { BrowserBackendInfo } from "./wasm-build.ts";

/** Options of {@link createWorkerLocalDetector}. */
export interface WorkerLocalDetectorOptions extends DetectorWorkerSettings {
  /** URL of the worker script (default `/static/detector-worker.js`). */
  workerUrl?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Starts the worker and returns a detector that forwards to it.
 *
 * @param options Worker URL, model and WASM URLs, build choice.
 * @returns The detector; `dispose()` terminates the worker.
 * @example
 * ```ts
 * const local = createWorkerLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/" });
 * const backend = await local.load("face-detection");
 * const reply = await local.detect("face-detection", jpegBytes);
 * ```
 */
export function createWorkerLocalDetector(options: WorkerLocalDetectorOptions): BrowserLocalDetector {
  const { workerUrl = "/static/detector-worker.js", ...settings } = options;
  const worker = new Worker(new URL(workerUrl, globalThis.location?.href), { type: "module", name: "edgevision-detector" });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let backend: BrowserBackendInfo | undefined;

  worker.onmessage = ({ data }: MessageEvent<DetectorWorkerReply>) => {
    const call = pending.get(data.id);
    if (call === undefined) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    const error = new Error(`Detector worker failed: ${event.message}`);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  const call = (request: DistributiveOmit<DetectorWorkerRequest, "id">, transfer: Transferable[] = []): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  const ready = call({ kind: "init", settings });

  return {
    get backend() {
      return backend;
    },
    supports: (task) => BROWSER_REPLY_FORMATTERS[task] !== undefined,
    load: async (task: TaskName) => {
      await ready;
      backend = await call({ kind: "load", task }) as BrowserBackendInfo;
      return backend;
    },
    detect: async (task: TaskName, image: Uint8Array) => {
      await ready;
      // A copy is transferred, so the caller keeps its bytes (e.g. for the edge).
      const copy = image.slice();
      return await call({ kind: "detect", task, image: copy }, [copy.buffer]) as MobiledgeXReply;
    },
    dispose: () => {
      worker.terminate();
      for (const entry of pending.values()) entry.reject(new Error("Detector worker terminated"));
      pending.clear();
    },
  };
}
