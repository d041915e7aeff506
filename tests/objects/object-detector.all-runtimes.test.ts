// The objects task end to end (NanoDet-g), through the engine: real model, real images. The
// model loads once for the whole file, with a low reporting threshold so the test can see both
// what the default threshold (0.4, every class) reports and what the model finds below it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { createEngine } from "../../src/core/engine/engine.ts";
import type { DetectedObject, Engine, ObjectsResult, Rect } from "../../src/core/engine/types.ts";
import { ImageDecodeError } from "../../src/core/image/mod.ts";
import { formatObjectsReply } from "../../src/core/tasks/objects/reply.ts";
import { DEFAULT_OBJECT_DETECTOR_CONFIG, intersectionOverUnion } from "../../src/core/tasks/objects/mod.ts";
import { createModelStore, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

/**
 * NanoDet-g scores the bicycle and the chair of objects_001.jpg at only ~0.2 (its quality
 * scores run lower than YOLOv3's objectness); the test sees everything from 0.15 up.
 */
const RECALL_MIN_SCORE = 0.15;

/** What the default threshold (one for every class) reports: greedy NMS keeps the same boxes above it. */
const atDefault = (objects: DetectedObject[]) => objects.filter((o) => o.score >= DEFAULT_OBJECT_DETECTOR_CONFIG.minScore);

/** The best overlap of any `className` box with `rect`. */
const bestIou = (objects: DetectedObject[], className: string, rect: Rect) =>
  Math.max(0, ...objects.filter((o) => o.className === className).map((o) => intersectionOverUnion(o.rect, rect)));

describe("objects task (NanoDet-g)", () => {
  let engine: Engine;
  const run = async (name: string) => (await engine.run("objects", fixture(name))) as ObjectsResult;

  before(async () => {
    engine = await createEngine({
      readModelFile: createModelStore(),
      tasks: ["objects"],
      config: { objects: { minScore: RECALL_MIN_SCORE, classMinScores: {} } },
      wasm: { wasmDirectory: WASM_DIRECTORY },
    });
  });
  after(() => engine.dispose());

  it("finds the bicycle, the chair and the laptop of objects_001.jpg where the reference does", async () => {
    const { objects } = await run("objects_001.jpg");
    // The reference's (YOLOv3) rects, MobiledgeX §3.5.
    const reference: [string, Rect][] = [["bicycle", [-1, 76, 112, 206]], ["chair", [92, 64, 165, 170]], ["laptop", [137, 55, 179, 87]]];
    for (const [className, rect] of reference) {
      const iou = bestIou(objects, className, rect);
      assert.ok(iou >= 0.3, `${className}: best IoU ${iou.toFixed(2)} with the reference's [${rect}]`);
    }
  });

  it("answers objects_001.jpg at the default threshold 0.4 with the laptop as a tvmonitor and the ball and frisbee as fruit", async () => {
    // Measured: its bicycle, chair, ball and laptop score 0.19–0.38 as themselves; above 0.4 only
    // tvmonitor 0.42 (the laptop's box), apple 0.45 (the green ball), orange 0.54 + apple 0.42 (the frisbee).
    const shown = atDefault((await run("objects_001.jpg")).objects);
    assert.deepEqual(shown.map((o) => o.className), ["apple", "apple", "orange", "tvmonitor"], JSON.stringify(shown));
    assert.ok(bestIou(shown, "tvmonitor", [137, 55, 179, 87]) >= 0.6, "the tvmonitor box is the reference's laptop");
    assert.ok(bestIou(shown, "apple", [57, 147, 106, 202]) >= 0.8, "an apple box is the reference's sports ball");
  });

  it("reports in darknet order (class index, then score) with integer rects inside the image", async () => {
    const { objects } = await run("objects_001.jpg");
    for (let i = 1; i < objects.length; i++) {
      const [a, b] = [objects[i - 1] as DetectedObject, objects[i] as DetectedObject];
      assert.ok(a.classIndex < b.classIndex || (a.classIndex === b.classIndex && a.score >= b.score), "order");
    }
    for (const { rect } of objects) {
      assert.ok(rect.every(Number.isInteger), `[${rect}] integers`);
      assert.ok(rect[0] >= 0 && rect[1] >= 0 && rect[2] <= 180 && rect[3] <= 240 && rect[0] <= rect[2] && rect[1] <= rect[3], `[${rect}] in 180 × 240`);
    }
  });

  it("finds the person in Bruce.jpg at the default threshold, where the reference does", async () => {
    const result = await run("Bruce.jpg");
    const iou = bestIou(atDefault(result.objects), "person", [1, 48, 203, 276]);
    assert.ok(iou >= 0.7, `person IoU ${iou.toFixed(2)}`);
    assert.match(formatObjectsReply({ ...result, objects: atDefault(result.objects) }), /"class": "person", "confidence": "0\.\d\d"/);
  });

  it("finds the people of 6_bodies.jpg at the default threshold", async () => {
    const people = atDefault((await run("6_bodies.jpg")).objects).filter((o) => o.className === "person");
    assert.ok(people.length >= 5 && people.length <= 6, `found ${people.length} of the 6 people (5 when measured)`);
  });

  it("finds nothing in single_pixel.png and says success false", async () => {
    const result = await run("single_pixel.png");
    assert.deepEqual(result.objects, []);
    assert.match(formatObjectsReply(result), /^\{"success": "false", "server_processing_time": "\d+\.\d{3}", "gpu_support": false\}$/);
  });

  it("leaves no tensor behind", async () => {
    await run("objects_002.jpg");
    const before = tf.memory().numTensors;
    assert.ok(before > 0, "the model's weights are tensors of this same TF.js engine");
    for (const name of ["objects_002.jpg", "6_bodies.jpg", "single_pixel.png"]) await run(name);
    assert.equal(tf.memory().numTensors, before);
  });

  it("rejects undecodable bytes with an ImageDecodeError and keeps working", async () => {
    await assert.rejects(engine.run("objects", fixture("objects_001.jpg").subarray(0, 1000)), ImageDecodeError);
    await assert.rejects(engine.run("objects", new TextEncoder().encode("not an image")), ImageDecodeError);
    assert.ok((await run("Bruce.jpg")).objects.length > 0);
  });
});
