/**
 * The in-process baseline of scripts/bench-serving.ts: one engine on this runtime's main thread, no
 * server. It stays running so its WASM and JS stay as warm as a long-running server's worker: after
 * the warm-up it prints `ready`, then for each line `N` on stdin runs N frames and prints one JSON
 * line with, per frame, the whole `engine.run` (decode + pre + inference + post) and its stages.
 *
 *   <runtime> scripts/bench-serving/in-process-engine.ts IMAGE WARMUP
 * @module
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import process from "node:process";
import { emptyEngineTimings, type EngineTimings } from "../../src/core/timing/stage-timings.ts";
import { createFaceDetectionEngine, scriptArgs } from "../script-runtime.ts";

const [image = "tests/fixtures/Bruce.jpg", warmup = "50"] = scriptArgs();
const bytes = new Uint8Array(readFileSync(image));
const engine = await createFaceDetectionEngine();

async function measure(frames: number): Promise<(EngineTimings & { pipelineMs: number })[]> {
  const samples: (EngineTimings & { pipelineMs: number })[] = [];
  for (let i = 0; i < frames; i++) {
    const copy = bytes.slice();
    const timings = emptyEngineTimings();
    const start = performance.now();
    await engine.run("face-detection", copy, timings);
    samples.push({ ...timings, pipelineMs: performance.now() - start });
  }
  return samples;
}

await measure(Number(warmup));
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  const frames = Number(line.trim());
  if (!(frames > 0)) break;
  console.log(JSON.stringify({ samples: await measure(frames) }));
}
engine.dispose();
