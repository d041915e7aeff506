import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DLIB_CHIP_LANDMARKS, fitChipTransform } from "../../src/core/tasks/face-recognition/face-chip-geometry.ts";
import { extractFaceChip } from "../../src/core/tasks/face-recognition/extract-face-chip.ts";
import type { Point } from "../../src/core/engine/types.ts";

const apply = (t: { a: number; b: number; tx: number; ty: number }, [u, v]: Point): Point => [t.a * u - t.b * v + t.tx, t.b * u + t.a * v + t.ty];

describe("fitChipTransform", () => {
  it("maps the template eyes exactly onto two image eyes, levelling a tilted face", () => {
    const imageEyes: Point[] = [[40, 60], [80, 90]]; // tilted 36.87°, 50 px apart
    const t = fitChipTransform([DLIB_CHIP_LANDMARKS.imageLeftEye, DLIB_CHIP_LANDMARKS.imageRightEye], imageEyes);
    const [p, q] = [apply(t, DLIB_CHIP_LANDMARKS.imageLeftEye), apply(t, DLIB_CHIP_LANDMARKS.imageRightEye)];
    assert.ok(Math.hypot(p[0] - 40, p[1] - 60) < 1e-9 && Math.hypot(q[0] - 80, q[1] - 90) < 1e-9);
    assert.ok(Math.abs(Math.atan2(t.b, t.a) - Math.atan2(30, 40)) < 1e-12);
    assert.ok(Math.abs(Math.hypot(t.a, t.b) - 50 / (100.48 - 47.55)) < 1e-12);
  });
  it("recovers an exact similarity from four noiseless points", () => {
    const truth = { a: 1.2, b: -0.3, tx: 5, ty: -7 };
    const chip: Point[] = [[10, 10], [90, 12], [50, 60], [48, 100]];
    const t = fitChipTransform(chip, chip.map((p) => apply(truth, p)));
    for (const key of ["a", "b", "tx", "ty"] as const) assert.ok(Math.abs(t[key] - truth[key]) < 1e-9, key);
  });
  it("refuses degenerate input", () => {
    assert.throws(() => fitChipTransform([[0, 0]], [[1, 1]]), RangeError);
    assert.throws(() => fitChipTransform([[0, 0], [1, 1]], [[5, 5], [5, 5]]), RangeError);
  });
});

describe("extractFaceChip", () => {
  const width = 4, height = 3;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([i * 10, 255 - i * 10, 100], i * 3);
  const image = { width, height, data };
  const sampling = { size: 2, meanRgb: [0, 0, 0] as [number, number, number], divisor: 1 };

  it("copies pixels through an identity transform", () => {
    const chip = extractFaceChip(image, { a: 1, b: 0, tx: 1, ty: 1 }, sampling);
    // crop (0,0) ↔ image (1,1) = pixel 5; crop (1,0) ↔ pixel 6; crop (0,1) ↔ pixel 9; crop (1,1) ↔ pixel 10
    assert.deepEqual(Array.from(chip), [50, 205, 100, 60, 195, 100, 90, 165, 100, 100, 155, 100]);
  });
  it("interpolates halfway between pixels and normalises", () => {
    const chip = extractFaceChip(image, { a: 1, b: 0, tx: 0.5, ty: 0 }, { size: 1, meanRgb: [5, 0, 100], divisor: 2 });
    assert.deepEqual(Array.from(chip), [(5 - 5) / 2, (250 - 0) / 2, 0]);
  });
  it("averages a large face instead of aliasing it: a 1-px checkerboard shrunk 4× comes out flat grey", () => {
    const side = 64;
    const board = new Uint8Array(side * side * 3);
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) board.fill((x + y) % 2 ? 200 : 0, (y * side + x) * 3, (y * side + x) * 3 + 3);
    const chip = extractFaceChip({ width: side, height: side, data: board }, { a: 4, b: 0, tx: 0, ty: 0 }, { size: 16, meanRgb: [0, 0, 0], divisor: 1 });
    for (const value of chip) assert.ok(Math.abs(value - 100) < 1e-9, `got ${value}`);
  });
  it("fills outside the image with black (after normalisation: −mean / divisor)", () => {
    const chip = extractFaceChip(image, { a: 1, b: 0, tx: -10, ty: -10 }, { size: 1, meanRgb: [10, 20, 30], divisor: 10 });
    assert.deepEqual(Array.from(chip), [-1, -2, -3]);
  });
});

describe("alignFace fallback", () => {
  it("maps the crop onto the detector box when the eye landmarks are unusable", async () => {
    const { alignFace } = await import("../../src/core/tasks/face-recognition/face-embedder.ts");
    for (const landmarks of [[], [[50, 50], [50, 50]]] as Point[][]) {
      const t = alignFace({ rect: [20, 40, 95, 190], score: 1, landmarks }, "eyes");
      assert.deepEqual(apply(t, [0, 0]), [-17.5, 40]); // a 150-px square centred on the 75×150 box
      assert.deepEqual(apply(t, [150, 150]), [132.5, 190]);
    }
  });
});
