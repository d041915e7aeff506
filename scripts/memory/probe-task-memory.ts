/**
 * Where one worker's memory goes, task by task: in a fresh process (run it once per task),
 * prints RSS, the V8 heap, ArrayBuffers and the TF.js WASM heap after the backend starts, after
 * the task's model loads, after the engine's warm-up and after 20 requests on 640×480 frames.
 *
 *   npx tsx scripts/memory/probe-task-memory.ts face-detection|face-recognition|pose|objects
 * @module
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { TASK_NAMES, type TaskName, taskDefinition } from "../../src/core/tasks/registry.ts";
import { parseScriptSettings } from "../script-runtime.ts";
import { warmUpTask } from "../../src/core/engine/warm-up.ts";
import type { TaskRunner } from "../../src/core/tasks/task-definition.ts";
import { createImageDecoder } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";

const { positionals: [given = "face-detection"] } = parseScriptSettings({}, `usage: probe-task-memory.ts [${TASK_NAMES.join("|")}]`, { positionals: true });
if (!(TASK_NAMES as readonly string[]).includes(given)) throw new RangeError(`Task "${given}" is not one of ${TASK_NAMES.join(", ")}`);
const task = given as TaskName;
const mib = (bytes: number) => (bytes / 1048576).toFixed(1).padStart(6);

function report(stage: string): void {
  const usage = process.memoryUsage();
  const wasm = stage === "process" ? 0 : (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.byteLength ?? 0;
  console.log(`${task.padEnd(16)} ${stage.padEnd(22)} rss ${mib(usage.rss)}  v8 heap ${mib(usage.heapUsed)}  arraybuffers ${mib(usage.arrayBuffers)}  tfjs wasm heap ${mib(wasm)} MiB`);
}

report("process");
await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
report("backend");
const decoder = await createImageDecoder({ jpegWasm: await readJpegWasm() });
report("jpeg decoder");
// deno-lint-ignore no-explicit-any
const load = taskDefinition(task).load as (deps: { readModelFile: ReturnType<typeof createModelStore>; config: any }) => Promise<TaskRunner<unknown>>;
const runner = await load({ readModelFile: createModelStore(), config: undefined });
report("model loaded");
await warmUpTask(runner, taskDefinition(task).warmUp);
report("warm-up");
const frame = await decoder.decode(new Uint8Array(readFileSync(new URL("../../tests/fixtures/frame_640x480.jpg", import.meta.url))));
for (let i = 0; i < 20; i++) await runner.run(frame);
report("20 × 640×480");
(globalThis as { gc?: () => void }).gc?.();
report("after gc");
