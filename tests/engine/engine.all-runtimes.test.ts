// createEngine's own behaviour, with stand-in task loaders (the real models are covered in
// tests/face-detection/): which tasks load, errors, timing, serialised runs, dispose.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createEngine, type EngineTaskLoader } from "../../src/core/engine/engine.ts";
import { TaskUnavailableError } from "../../src/core/engine/task-unavailable-error.ts";
import { ImageDecodeError } from "../../src/core/image/mod.ts";
import { runtimeModelStore } from "../face-detection/runtime-model-store.ts";
import { taskDefinition } from "../../src/core/tasks/registry.ts";

const store = await runtimeModelStore();
const bruce = new Uint8Array(readFileSync(new URL("../fixtures/Bruce.jpg", import.meta.url)));

/** A loader that records what happens to it (loads, own warm-ups, runs with the image size); its runs report the size seen. */
function recordingLoader(log: string[], name: string, delayMs = 0): EngineTaskLoader {
  return (deps) => {
    log.push(`load ${name} ${JSON.stringify(deps.config ?? {})}`);
    return Promise.resolve({
      async run(image) {
        log.push(`start ${name} ${image.width}x${image.height}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        log.push(`end ${name}`);
        return { task: "objects", objects: [{ rect: [0, 0, image.width, image.height], classIndex: 0, className: name, score: 1 }] };
      },
      warmUp: () => void log.push(`warm-up ${name}`),
      dispose: () => log.push(`dispose ${name}`),
    });
  };
}

// Recording loaders count every run, so these engines skip the warm-up (tested on its own below).
const base = { readModelFile: store.readModelFile, wasm: { wasmDirectory: store.wasmDirectory }, warmUp: false };

describe(`createEngine (${store.runtime})`, () => {
  it("loads only the requested tasks, decodes, times and disposes", async () => {
    const log: string[] = [];
    const engine = await createEngine({
      ...base,
      tasks: ["objects"],
      config: { "face-detection": { model: "full" }, objects: { minScore: 0.2 } },
      loaders: { objects: recordingLoader(log, "objects"), pose: recordingLoader(log, "pose") },
    });
    assert.deepEqual(engine.tasks, ["objects"]);
    assert.deepEqual(log, ['load objects {"minScore":0.2}'], "each task gets its own config section");
    const result = await engine.run("objects", bruce);
    assert.equal(result.task, "objects");
    assert.ok(result.processingMs >= 0 && Number.isFinite(result.processingMs));
    assert.deepEqual(result.task === "objects" && result.objects[0]?.rect, [0, 0, 204, 272]);
    engine.dispose();
    assert.equal(log.at(-1), "dispose objects");
  });

  it("by default warms every loaded task up as its definition declares, the runner's own warm-up first", async () => {
    const log: string[] = [];
    const engine = await createEngine({ ...base, warmUp: undefined, tasks: ["objects", "pose"], loaders: { objects: recordingLoader(log, "objects"), pose: recordingLoader(log, "pose") } });
    for (const task of ["objects", "pose"] as const) {
      const frames = taskDefinition(task).warmUp.frames;
      const sizes = log.filter((line) => line.startsWith(`start ${task} `)).map((line) => line.split(" ")[2]);
      assert.deepEqual(sizes, frames.map(([width, height]) => `${width}x${height}`), `${task} runs on each declared frame`);
      assert.ok(frames.some(([w, h]) => w > h) && frames.some(([w, h]) => h > w), "both orientations");
      assert.ok(log.indexOf(`warm-up ${task}`) < log.indexOf(`start ${task} ${sizes[0]}`), "own warm-up before the frames");
    }
    engine.dispose();
  });

  it("leaves the warm-up to the engine: no runner warm-up without it, a deferred task's on its first request", async () => {
    const log: string[] = [];
    const engine = await createEngine({ ...base, tasks: ["objects"], loaders: { objects: recordingLoader(log, "objects") } });
    assert.deepEqual(log, ['load objects {}'], "warmUp: false runs nothing");
    engine.dispose();
    log.length = 0;
    const deferred = await createEngine({ ...base, warmUp: true, tasks: ["pose"], loadOnFirstUse: ["pose"], loaders: { pose: recordingLoader(log, "pose") } });
    assert.equal(log.length, 0, "nothing loads or warms up before the first request");
    await deferred.run("pose", bruce);
    const frames = taskDefinition("pose").warmUp.frames;
    assert.deepEqual(log.slice(0, 2), ['load pose {}', "warm-up pose"]);
    assert.equal(log.filter((line) => line.startsWith("start pose")).length, frames.length + 1, "the declared frames, then the request");
    assert.equal(log.filter((line) => line.startsWith("start pose")).at(-1), "start pose 204x272");
    deferred.dispose();
  });

  it("throws TaskUnavailableError for a task that is not loaded, or has no loader", async () => {
    const engine = await createEngine({ ...base, tasks: ["objects"], loaders: { objects: recordingLoader([], "objects") } });
    await assert.rejects(engine.run("pose", bruce), (error: unknown) => {
      assert.ok(error instanceof TaskUnavailableError);
      assert.equal(error.task, "pose");
      assert.deepEqual(error.loaded, ["objects"]);
      assert.match(error.message, /Task "pose" is not available; loaded tasks: "objects"/);
      return true;
    });
    await assert.rejects(engine.run("no-such-task" as "pose", bruce), TaskUnavailableError);
    await assert.rejects(createEngine({ ...base, tasks: ["pose"], loaders: {} }), TaskUnavailableError);
    engine.dispose();
  });

  it("passes ImageDecodeError through and keeps serving", async () => {
    const engine = await createEngine({ ...base, tasks: ["objects"], loaders: { objects: recordingLoader([], "objects") } });
    await assert.rejects(engine.run("objects", new Uint8Array([0xff, 0xd8, 0xff])), ImageDecodeError);
    await assert.rejects(engine.run("objects", new Uint8Array(0)), (e: unknown) => e instanceof ImageDecodeError && e.code === "empty");
    assert.equal((await engine.run("objects", bruce)).task, "objects");
    engine.dispose();
  });

  it("runs one image at a time, in order, even when called concurrently", async () => {
    const log: string[] = [];
    const engine = await createEngine({ ...base, tasks: ["objects"], loaders: { objects: recordingLoader(log, "objects", 5) } });
    log.length = 0;
    await Promise.all([engine.run("objects", bruce), engine.run("objects", new Uint8Array(0)).catch(() => "bad"), engine.run("objects", bruce)]);
    assert.deepEqual(log, ["start objects 204x272", "end objects", "start objects 204x272", "end objects"]);
    engine.dispose();
  });

  it("disposes what was loaded when a later task fails to load", async () => {
    const log: string[] = [];
    const failing: EngineTaskLoader = () => Promise.reject(new Error("model missing"));
    await assert.rejects(
      createEngine({ ...base, tasks: ["objects", "pose"], loaders: { objects: recordingLoader(log, "objects"), pose: failing } }),
      /model missing/,
    );
    assert.deepEqual(log, ["load objects {}", "dispose objects"]);
  });

  it("refuses a bad pixel limit", async () => {
    await assert.rejects(createEngine({ ...base, tasks: [], config: { maxPixels: 0 } }), RangeError);
  });
});
