/**
 * Entry of the detector worker (built into `/static/detector-worker.js`): on-device detection
 * off the page's main thread, so drawing and the camera stay smooth, and the threaded WASM
 * build's threads can block instead of spinning on the main thread.
 * @module
 */
import { type BrowserLocalDetector, createBrowserLocalDetector } from "./browser-local-detector.ts";
import type { DetectorWorkerReply, DetectorWorkerRequest } from "./detector-worker-protocol.ts";
import { BROWSER_REPLY_FORMATTERS } from "./reply-formatters.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<DetectorWorkerRequest>) => void) | null;
  postMessage(message: DetectorWorkerReply): void;
}

/**
 * Answers {@link DetectorWorkerRequest}s on `scope` with one local detector.
 *
 * @param scope The worker's global scope.
 */
export function serveDetectorWorker(scope: WorkerScope): void {
  let local: BrowserLocalDetector | undefined;
  const detector = () => {
    if (local === undefined) throw new Error("The detector worker has not been initialised");
    return local;
  };
  scope.onmessage = async ({ data: request }) => {
    try {
      let value: unknown = null;
      if (request.kind === "init") {
        local?.dispose();
        local = createBrowserLocalDetector({ ...request.settings, formatters: BROWSER_REPLY_FORMATTERS });
      } else if (request.kind === "load") {
        value = await detector().load(request.task);
      } else {
        value = await detector().detect(request.task, request.image);
      }
      scope.postMessage({ id: request.id, ok: true, value });
    } catch (error) {
      scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
}

serveDetectorWorker(globalThis as unknown as WorkerScope);
