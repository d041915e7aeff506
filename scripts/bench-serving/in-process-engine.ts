/**
 * The in-process baseline of scripts/bench-serving.ts: one engine on this runtime's main thread, no
 * server. Prints one JSON line: per frame, the whole `engine.run` (decode + pre + inference + post)
 * and its stages.
 *
 *   <runtime> scripts/bench-serving/in-process-engine.ts IMAGE FRAMES WARMUP
 * @module
 */
import { readFileSync } from "node:fs";
import { createEngine } from "../../src/core/engine/engine.ts";
import { emptyEngineTimings, type EngineTimings } from "../../src/core/timing/stage-timings.ts";
import { runtimeModelStore, scriptArgs } from "../script-runtime.ts";

const [image = "tests/fixtures/Bruce.jpg", frames = "200", warmup = "50"] = scriptArgs();
const bytes = new Uint8Array(readFileSync(image));
const store = await runtimeModelStore();
const engine = await createEngine({
  readModelFile: store.createModelStore(),
  tasks: ["face-detection"],
  wasm: { wasmDirectory: store.WASM_DIRECTORY },
  jpegWasm: await store.readJpegWasm(),
});
const samples: (EngineTimings & { pipelineMs: number })[] = [];
for (let i = 0; i < Number(warmup) + Number(frames); i++) {
  const copy = bytes.slice();
  const timings = emptyEngineTimings();
  const start = performance.now();
  await engine.run("face-detection", copy, timings);
  const pipelineMs = performance.now() - start;
  if (i >= Number(warmup)) samples.push({ ...timings, pipelineMs });
}
engine.dispose();
console.log(JSON.stringify({ samples }));
