// Pure object-detection building blocks: NanoDet box bins, decoding, NMS and ordering, darknet
// labels, letterboxing, and the graph's input-size patch.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type * as tf from "@tensorflow/tfjs-core";
import {
  binsToDistance,
  capLowScoreBoxes,
  cellBox,
  darknetClassName,
  darknetSpelling,
  DARKNET_COCO_CLASSES,
  decodeNanoDet,
  fitLetterbox,
  intersectionOverUnion,
  NANODET_BINS_PER_SIDE,
  NANODET_MEAN_BGR,
  NANODET_STD_BGR,
  nanoDetInput,
  nonMaxSuppressionPerClass,
  withNanoDetInputSize,
} from "../../src/core/tasks/objects/mod.ts";

const close = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-5, `${message ?? ""} ${actual} ≉ ${expected}`);

describe("binsToDistance", () => {
  it("is the bin index when one bin dominates", () => {
    const bins = new Float32Array(11).fill(-50);
    bins[7] = 50;
    close(binsToDistance(bins, 0), 7);
  });

  it("is the softmax expectation Σ p·i", () => {
    // logits ln(1), ln(3) on bins 2 and 4 → p = 1/4, 3/4 → 0.5 + 3 = 3.5
    const bins = new Float32Array(11).fill(-Infinity);
    bins[2] = 0;
    bins[4] = Math.log(3);
    close(binsToDistance(bins, 0), 3.5);
  });

  it("is the middle bin (5) for equal logits and reads at an offset", () => {
    const bins = new Float32Array(3 + 11).fill(2);
    close(binsToDistance(bins, 3), 5);
  });
});

describe("cellBox", () => {
  it("measures each side from the cell centre ((col + 0.5)·stride, (row + 0.5)·stride)", () => {
    const bins = new Float32Array(4 * NANODET_BINS_PER_SIDE).fill(-50);
    [1, 2, 3, 4].forEach((d, side) => (bins[side * NANODET_BINS_PER_SIDE + d] = 50)); // left 1, top 2, right 3, bottom 4
    const [x1, y1, x2, y2] = cellBox(bins, 0, 2, 1, 16); // centre (40, 24)
    close(x1, 40 - 16);
    close(y1, 24 - 32);
    close(x2, 40 + 48);
    close(y2, 24 + 64);
  });
});

describe("decodeNanoDet", () => {
  it("emits one candidate per (cell, class) at or above the threshold, on the right cell", () => {
    const classCount = 3;
    const columns = 2;
    const scores = new Float32Array(4 * classCount); // 2 × 2 cells
    scores[3 * classCount + 1] = 0.9; // cell (col 1, row 1), class 1
    scores[3 * classCount + 2] = 0.5; // same cell, class 2
    scores[0] = 0.29; // below threshold
    const boxBins = new Float32Array(4 * 4 * NANODET_BINS_PER_SIDE).fill(-50);
    for (let side = 0; side < 4; side++) boxBins[3 * 44 + side * NANODET_BINS_PER_SIDE + 1] = 50; // 1 stride each side
    const candidates = decodeNanoDet([{ stride: 8, columns, scores, boxBins }], classCount, 0.3);
    assert.deepEqual(candidates.map((c) => [c.classIndex, c.score]), [[1, scores[10]], [2, scores[11]]]);
    const box = candidates[0]?.box ?? [];
    [4, 4, 20, 20].forEach((v, i) => close(box[i] ?? NaN, v)); // centre (12, 12) ± 8
  });
});

describe("nonMaxSuppressionPerClass", () => {
  it("measures overlap as intersection over union", () => {
    close(intersectionOverUnion([0, 0, 2, 2], [1, 0, 3, 2]), 1 / 3);
    assert.equal(intersectionOverUnion([0, 0, 1, 1], [2, 2, 3, 3]), 0);
  });

  it("drops same-class overlaps, keeps other classes, orders by class then score", () => {
    const kept = nonMaxSuppressionPerClass([
      { classIndex: 56, score: 0.6, box: [0, 0, 10, 10] },
      { classIndex: 56, score: 0.5, box: [1, 1, 10, 10] }, // overlaps the 0.6 chair: dropped
      { classIndex: 1, score: 0.4, box: [0, 0, 10, 10] }, // same place, other class: kept
      { classIndex: 56, score: 0.9, box: [50, 50, 60, 60] },
      { classIndex: 1, score: 0.7, box: [20, 20, 30, 30] },
    ], 0.4, 100);
    assert.deepEqual(kept.map((k) => [k.classIndex, k.score]), [[1, 0.7], [1, 0.4], [56, 0.9], [56, 0.6]]);
  });

  it("keeps at most maxResults, the highest scores", () => {
    const boxes = [0.1, 0.9, 0.5].map((score, i) => ({ classIndex: i, score, box: [i * 20, 0, i * 20 + 10, 10] as [number, number, number, number] }));
    assert.deepEqual(nonMaxSuppressionPerClass(boxes, 0.4, 2).map((k) => k.score), [0.9, 0.5]);
  });
});

describe("capLowScoreBoxes", () => {
  const box = (classIndex: number, score: number, x: number) => ({ classIndex, score, box: [x, 0, x + 10, 10] as [number, number, number, number] });
  it("keeps every box at or above minScore and only the best low-score boxes per class, in the given order", () => {
    const candidates = [box(56, 0.17, 0), box(56, 0.19, 20), box(56, 0.5, 40), box(56, 0.16, 60), box(63, 0.2, 0), box(63, 0.18, 30)];
    assert.deepEqual(capLowScoreBoxes(candidates, 0.3, 1).map((c) => [c.classIndex, c.score]), [[56, 0.19], [56, 0.5], [63, 0.2]]);
    assert.deepEqual(capLowScoreBoxes(candidates, 0.3, 2).map((c) => c.score), [0.17, 0.19, 0.5, 0.2, 0.18]);
    assert.deepEqual(capLowScoreBoxes(candidates, 0.3, 0).map((c) => c.score), [0.5]);
  });
});

describe("darknet labels", () => {
  it("has the 80 darknet names in order", () => {
    assert.equal(DARKNET_COCO_CLASSES.length, 80);
    assert.deepEqual(
      [0, 1, 3, 4, 32, 56, 57, 58, 60, 62, 63, 79].map(darknetClassName),
      ["person", "bicycle", "motorbike", "aeroplane", "sports ball", "chair", "sofa", "pottedplant", "diningtable", "tvmonitor", "laptop", "toothbrush"],
    );
    assert.throws(() => darknetClassName(80), RangeError);
  });

  it("converts COCO API spellings", () => {
    assert.deepEqual(
      ["motorcycle", "airplane", "couch", "potted plant", "dining table", "tv", "laptop"].map(darknetSpelling),
      ["motorbike", "aeroplane", "sofa", "pottedplant", "diningtable", "tvmonitor", "laptop"],
    );
  });
});

describe("fitLetterbox", () => {
  it("fits landscape and portrait images keeping the aspect", () => {
    assert.deepEqual(fitLetterbox(240, 180, 224, 160), { scale: 160 / 180, scaledWidth: 213, scaledHeight: 160 });
    assert.deepEqual(fitLetterbox(1, 1, 224, 160), { scale: 160, scaledWidth: 160, scaledHeight: 160 });
  });
});

describe("nanoDetInput", () => {
  it("writes normalised BGR planes, scales bilinearly and pads with the mean colour (0)", () => {
    // A 2 × 1 image (red, blue) scaled 2× into the top-left 4 × 2 of a 6 × 3 input.
    const image = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) };
    const out = nanoDetInput(image, 6, 3, { scale: 2, scaledWidth: 4, scaledHeight: 2 });
    const plane = 18;
    const value = (channel: number, x: number, y: number) => out[channel * plane + y * 6 + x] ?? NaN;
    const norm = (v: number, c: number) => (v - (NANODET_MEAN_BGR[c] ?? 0)) / (NANODET_STD_BGR[c] ?? 1);
    // x = 0 samples source x = -0.25 → clamped to pixel 0 (pure red): plane 2 (R) high, plane 0 (B) low
    close(value(2, 0, 0), norm(255, 2), "red in the R plane");
    close(value(0, 0, 0), norm(0, 0), "no blue");
    // x = 1 samples source x = 0.25: 3/4 red, 1/4 blue
    close(value(2, 1, 1), norm(191.25, 2), "bilinear R");
    close(value(0, 1, 1), norm(63.75, 0), "bilinear B");
    // padding right and bottom is exactly 0 (the mean colour)
    for (const [x, y] of [[4, 0], [5, 1], [0, 2], [5, 2]] as const) for (let c = 0; c < 3; c++) assert.equal(value(c, x, y), 0);
  });
});

describe("withNanoDetInputSize", () => {
  it("rewrites the four resize constants and frees the input's height and width, whatever precedes them", async () => {
    const names = ["PartitionedCall/Cast_1", "PartitionedCall/Cast_3", "PartitionedCall/Cast_5", "PartitionedCall/Cast_7"];
    const weightSpecs: tf.io.WeightsManifestEntry[] = [
      { name: "half", shape: [3], dtype: "float32", quantization: { dtype: "float16" } },
      { name: "byte", shape: [1], dtype: "float32", quantization: { dtype: "uint8", min: 0, scale: 1 } },
      ...names.map((name): tf.io.WeightsManifestEntry => ({ name, shape: [2], dtype: "int32" })),
    ];
    const weightData = new ArrayBuffer(6 + 1 + 4 * 8);
    const topology = { node: [{ name: "input_1", op: "Placeholder", attr: { shape: { shape: { dim: [] } } } }] };
    const handler = withNanoDetInputSize({ load: async () => ({ modelTopology: topology, weightSpecs, weightData }) }, 160, 224);
    const artifacts = await handler.load?.();
    const view = new DataView(artifacts?.weightData as ArrayBuffer, 7);
    const values = Array.from({ length: 8 }, (_, i) => view.getInt32(4 * i, true));
    assert.deepEqual(values, [10, 14, 20, 28, 10, 14, 5, 7]);
    assert.deepEqual(topology.node[0]?.attr.shape, { shape: { dim: [{ size: "1" }, { size: "3" }, { size: "-1" }, { size: "-1" }] } });
  });

  it("refuses sizes that are not multiples of 32", () => {
    assert.throws(() => withNanoDetInputSize({ load: async () => ({}) }, 100, 224), RangeError);
  });
});
