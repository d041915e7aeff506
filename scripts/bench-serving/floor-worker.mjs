/**
 * The worker of scripts/bench-serving/floor-server.ts (a module Web Worker on Deno and Bun, a
 * worker_threads worker on Node): for each job, spins `busyMs` milliseconds in place of an engine
 * and posts back a small result, as the server's engine worker posts its faces and timings.
 */
function run({ bytes, busyMs }) {
  const end = performance.now() + busyMs;
  while (performance.now() < end);
  return { type: "result", result: { task: "face-detection", faces: [{ box: [73, 76, 147, 150], score: 0.9 }], bytes: bytes.byteLength } };
}

if (typeof globalThis.postMessage === "function") {
  globalThis.onmessage = (event) => globalThis.postMessage(run(event.data));
} else {
  const { parentPort } = await import("node:worker_threads");
  parentPort.on("message", (job) => parentPort.postMessage(run(job)));
}
