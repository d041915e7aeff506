/**
 * The engine worker of scripts/bench-serving/floor-server.ts (`/engine`): the real face-detection
 * engine in a bare worker, no pool protocol. Posts `{ ready: true }` once loaded, then for each
 * `{ bytes }` runs the engine and posts the result with the milliseconds `engine.run` took
 * (decode + pre + inference + post), which the floor server appends to its reply.
 * @module
 */
import { emptyEngineTimings } from "../../src/core/timing/stage-timings.ts";
import { createFaceDetectionEngine } from "../script-runtime.ts";

const engine = await createFaceDetectionEngine();

async function run(bytes: Uint8Array): Promise<unknown> {
  const timings = emptyEngineTimings();
  const start = performance.now();
  const result = await engine.run("face-detection", bytes, timings);
  return { type: "result", result, timing: timings, engineMs: performance.now() - start };
}

const scope = globalThis as unknown as { postMessage?: (message: unknown) => void; onmessage?: (event: { data: { bytes: Uint8Array } }) => void };
if (typeof scope.postMessage === "function") {
  const post = scope.postMessage.bind(scope);
  scope.onmessage = (event) => void run(event.data.bytes).then(post);
  post({ ready: true });
} else {
  const { parentPort } = await import("node:worker_threads");
  parentPort?.on("message", (job: { bytes: Uint8Array }) => void run(job.bytes).then((reply) => parentPort.postMessage(reply)));
  parentPort?.postMessage({ ready: true });
}
