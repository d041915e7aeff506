// Pure pose building blocks: COCO-17 → BODY_25, padded frames, MoveNet output decoding.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BODY25_NAMES,
  coco17ToBody25,
  COCO17_NAMES,
  decodeMultiPose,
  decodeSinglePose,
  centreInInput,
  inputPointToImage,
  type Keypoint,
  lightningGridConstants,
  moveNetInput,
  MULTIPOSE_ROW_LENGTH,
} from "../../src/core/tasks/pose/mod.ts";

/** 17 distinct COCO keypoints: keypoint i at (10·i, 100 + i) with score 0.5 + i/100. */
function cocoKeypoints(): Keypoint[] {
  return COCO17_NAMES.map((_, i): Keypoint => [10 * i, 100 + i, 0.5 + i / 100]);
}

describe("coco17ToBody25", () => {
  it("copies every COCO keypoint to its BODY_25 index", () => {
    const body = coco17ToBody25(cocoKeypoints(), 0.2);
    assert.equal(body.length, 25);
    const pairs: [string, number][] = [
      ["Nose", 0], ["RShoulder", 6], ["RElbow", 8], ["RWrist", 10], ["LShoulder", 5], ["LElbow", 7], ["LWrist", 9],
      ["RHip", 12], ["RKnee", 14], ["RAnkle", 16], ["LHip", 11], ["LKnee", 13], ["LAnkle", 15], ["REye", 2],
      ["LEye", 1], ["REar", 4], ["LEar", 3],
    ];
    for (const [name, coco] of pairs) {
      assert.deepEqual(body[BODY25_NAMES.indexOf(name)], [10 * coco, 100 + coco, 0.5 + coco / 100], name);
    }
  });

  it("derives the neck and mid-hip as midpoints with the lower score", () => {
    const body = coco17ToBody25(cocoKeypoints(), 0.2);
    assert.deepEqual(body[1], [55, 105.5, 0.55]); // shoulders 5 and 6
    assert.deepEqual(body[8], [115, 111.5, 0.61]); // hips 11 and 12
  });

  it("leaves toes and heels empty", () => {
    const body = coco17ToBody25(cocoKeypoints(), 0.2);
    for (let i = 19; i < 25; i++) assert.deepEqual(body[i], [0, 0, 0], `${BODY25_NAMES[i]}`);
  });

  it("empties keypoints below the threshold and midpoints with an unseen end", () => {
    const coco = cocoKeypoints();
    coco[6] = [60, 106, 0.1]; // right shoulder unseen
    const body = coco17ToBody25(coco, 0.2);
    assert.deepEqual(body[2], [0, 0, 0]);
    assert.deepEqual(body[1], [0, 0, 0]);
    assert.deepEqual(body[5], [50, 105, 0.55]);
  });

  it("refuses anything but 17 keypoints", () => {
    assert.throws(() => coco17ToBody25(cocoKeypoints().slice(1), 0.2), RangeError);
  });
});

describe("centreInInput", () => {
  it("scales a portrait image into a square and centres it", () => {
    assert.deepEqual(centreInInput(180, 240, 192, 192), {
      inputWidth: 192, inputHeight: 192, left: 24, top: 0, width: 144, height: 192, imageWidth: 180, imageHeight: 240,
    });
  });

  it("centres a landscape 4:3 image in a 5:4 input", () => {
    const p = centreInInput(240, 180, 160, 128);
    assert.deepEqual([p.left, p.top, p.width, p.height], [0, 4, 160, 120]);
  });

  it("maps normalised input points back to image pixels", () => {
    const p = centreInInput(180, 240, 192, 192);
    assert.deepEqual(inputPointToImage(0.5, 0.5, p), [90, 120]);
    assert.deepEqual(inputPointToImage(0, 0.125, p), [0, 0]);
    assert.deepEqual(inputPointToImage(1, 0.875, p), [180, 240]);
  });

  it("stays small for extreme shapes (no padding of the full-size image)", () => {
    const p = centreInInput(40000, 1, 160, 128);
    assert.deepEqual([p.width, p.height], [160, 1]);
    assert.equal(moveNetInput({ width: 40000, height: 1, data: new Uint8Array(120000) }, p).length, 160 * 128 * 3);
  });
});

describe("moveNetInput", () => {
  it("scales bilinearly into the placement and leaves black around it", () => {
    // A 2 × 1 image (red, blue) placed 4 × 2 at (1, 1) of a 6 × 4 input.
    const image = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) };
    const placement = { inputWidth: 6, inputHeight: 4, left: 1, top: 1, width: 4, height: 2, imageWidth: 2, imageHeight: 1 };
    const out = moveNetInput(image, placement);
    const rgb = (x: number, y: number) => Array.from(out.subarray((y * 6 + x) * 3, (y * 6 + x) * 3 + 3));
    assert.deepEqual(rgb(1, 1), [255, 0, 0]); // source x −0.25 → clamped to red
    assert.deepEqual(rgb(2, 2), [191, 0, 64]); // source x 0.25: ¾ red, ¼ blue (rounded)
    assert.deepEqual(rgb(4, 1), [0, 0, 255]);
    for (const [x, y] of [[0, 0], [5, 1], [1, 3], [0, 2]] as const) assert.deepEqual(rgb(x, y), [0, 0, 0]);
  });
});

describe("MoveNet output decoding", () => {
  const frame = centreInInput(200, 100, 200, 100);

  it("reads SinglePose (y, x, score) triples and scores the person by the mean", () => {
    const values = new Float32Array(51);
    for (let i = 0; i < 17; i++) values.set([0.5, 0.25, i % 2 === 0 ? 1 : 0], 3 * i);
    const person = decodeSinglePose(values, frame);
    assert.deepEqual(person.keypoints[0], [50, 50, 1]);
    assert.deepEqual(person.keypoints[1], [50, 50, 0]);
    assert.equal(person.score, 9 / 17);
  });

  it("keeps MultiPose rows above the person threshold, best first", () => {
    const values = new Float32Array(3 * MULTIPOSE_ROW_LENGTH);
    values[55] = 0.3;
    values[MULTIPOSE_ROW_LENGTH + 55] = 0.1;
    values[2 * MULTIPOSE_ROW_LENGTH + 55] = 0.9;
    values.set([0.25, 0.375, 0.75], 2 * MULTIPOSE_ROW_LENGTH); // nose of the best person (exact in float32)
    const people = decodeMultiPose(values, frame, 0.2);
    assert.deepEqual(people.map((p) => Math.round(p.score * 10)), [9, 3]);
    assert.deepEqual(people[0]?.keypoints[0], [75, 25, 0.75]);
  });
});

describe("lightningGridConstants", () => {
  const constants = lightningGridConstants(40, 32);
  const values = (suffix: string) => [...constants].find(([name]) => name.endsWith(suffix))?.[1];

  it("sizes the FPN up-sampling and the flat-index divisor to the grid", () => {
    assert.deepEqual(values("up_sampling2d/mul")?.values, [10, 8]);
    assert.deepEqual(values("up_sampling2d_1/mul")?.values, [20, 16]);
    assert.deepEqual(values("up_sampling2d_2/mul")?.values, [40, 32]);
    assert.deepEqual(values("floordiv/y")?.values, [32]);
    assert.deepEqual(values("Reshape_13")?.values, [1 / 40, 1 / 32]);
  });

  it("builds the row/column grids and the centre prior 1 / (distance to the centre + 1.8)", () => {
    const rows = values("strided_slice_3");
    const prior = values("truediv_2_recip");
    assert.deepEqual(rows?.shape, [40, 32, 1]);
    assert.equal(rows?.values[32 * 7 + 5], 7);
    assert.equal(values("strided_slice_4")?.values[32 * 7 + 5], 5);
    close(prior?.values[32 * 20 + 16] ?? NaN, 1 / 1.8); // the centre (20, 16)
    close(prior?.values[0] ?? NaN, 1 / (Math.hypot(20, 16) + 1.8));
  });

  it("matches the constants of the native 48 × 48 graph (checked against the model's float16 values)", () => {
    const prior = lightningGridConstants(48, 48).get("ConstantFolding/StatefulPartitionedCall/truediv_2_recip")?.values ?? [];
    // Values read from models/pose/movenet-lightning.bin (float16): (0,0) 0.027984619, (24,24) 0.555664, (10,30) 0.058715820.
    assert.ok(Math.abs((prior[0] ?? 0) - 0.027984619) < 1e-4);
    assert.ok(Math.abs((prior[24 * 48 + 24] ?? 0) - 0.555664) < 1e-3);
    assert.ok(Math.abs((prior[10 * 48 + 30] ?? 0) - 0.05871582) < 1e-4);
  });
});

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≉ ${expected}`);
}
