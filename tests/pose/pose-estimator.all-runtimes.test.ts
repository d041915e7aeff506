// The pose task end to end with its default model (MoveNet MultiPose), through the engine:
// real model, real images. The model loads once for the whole file.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { createEngine } from "../../src/core/engine/engine.ts";
import type { Engine, PoseResult } from "../../src/core/engine/types.ts";
import { ImageDecodeError } from "../../src/core/image/mod.ts";
import { formatPoseReply } from "../../src/core/tasks/pose/reply.ts";
import { BODY25_NAMES } from "../../src/core/tasks/pose/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";
import { HOLLY_EXPECTED, HOLLY_TOLERANCE_PX } from "./holly-expectations.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

describe("pose task (MoveNet MultiPose)", () => {
  let engine: Engine;
  const run = async (name: string) => (await engine.run("pose", fixture(name))) as PoseResult;

  before(async () => {
    engine = await createEngine({ readModelFile: createModelStore(), tasks: ["pose"], wasm: { wasmDirectory: WASM_DIRECTORY } });
  });
  after(() => engine.dispose());

  it("finds one person in HollyGolfPose.jpg with keypoints where the reference and the image put them", async () => {
    const result = await run("HollyGolfPose.jpg");
    assert.equal(result.poses.length, 1);
    const person = result.poses[0] ?? [];
    assert.equal(person.length, 25);
    for (const [name, [x, y]] of Object.entries(HOLLY_EXPECTED)) {
      const [px = 0, py = 0, score = 0] = person[BODY25_NAMES.indexOf(name)] ?? [];
      assert.ok(score > 0, `${name} not detected`);
      const distance = Math.hypot(px - x, py - y);
      assert.ok(distance <= HOLLY_TOLERANCE_PX, `${name} at [${px.toFixed(1)}, ${py.toFixed(1)}] is ${distance.toFixed(1)} px from [${x}, ${y}]`);
    }
    for (let i = 19; i < 25; i++) assert.deepEqual(person[i], [0, 0, 0], `${BODY25_NAMES[i]} is not a MoveNet keypoint`);
    assert.match(formatPoseReply(result), /^\{"success": "true", "server_processing_time": "\d+\.\d{3}", "poses": \[\[\[\d+\.\d+, /);
  });

  it("finds several people in 6_bodies.jpg, each inside the image", async () => {
    const result = await run("6_bodies.jpg");
    assert.ok(result.poses.length >= 5, `found ${result.poses.length} people, expected at least 5 of the 6`);
    const noses = result.poses.map((person): [number, number, number] => person[0] ?? [0, 0, 0]).filter((k) => k[2] > 0);
    for (const [x, y] of noses) assert.ok(x >= -1 && x <= 271 && y >= -1 && y <= 211, `nose [${x}, ${y}] outside 270 × 210`);
    // Different people, not one person repeated: their noses are spread across the picture.
    const xs = noses.map(([x]) => x);
    assert.ok(Math.max(...xs) - Math.min(...xs) > 150, `noses span only ${Math.max(...xs) - Math.min(...xs)} px`);
  });

  it("finds nobody in single_pixel.png and says success false", async () => {
    const result = await run("single_pixel.png");
    assert.deepEqual(result.poses, []);
    assert.match(formatPoseReply(result), /^\{"success": "false", "server_processing_time": "\d+\.\d{3}"\}$/);
  });

  it("leaves no tensor behind", async () => {
    await run("Bruce.jpg");
    const before = tf.memory().numTensors;
    assert.ok(before > 0, "the model's weights are tensors of this same TF.js engine");
    for (const name of ["Bruce.jpg", "6_bodies.jpg", "single_pixel.png"]) await run(name);
    assert.equal(tf.memory().numTensors, before);
  });

  it("rejects undecodable bytes with an ImageDecodeError and keeps working", async () => {
    const truncated = fixture("HollyGolfPose.jpg").subarray(0, 2000);
    await assert.rejects(engine.run("pose", truncated), ImageDecodeError);
    await assert.rejects(engine.run("pose", new Uint8Array(0)), ImageDecodeError);
    assert.equal((await run("HollyGolfPose.jpg")).poses.length, 1);
  });
});
