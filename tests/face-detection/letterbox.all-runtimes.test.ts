import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { letterbox, letterboxTransform } from "../../src/core/tasks/face-detection/letterbox.ts";
import { toImageFaces } from "../../src/core/tasks/face-detection/face-detector.ts";

function solid(width: number, height: number, rgb: [number, number, number]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

describe("letterbox", () => {
  it("centres a wide image in the square and pads above and below with black (-1)", () => {
    const { input, transform } = letterbox(solid(8, 4, [255, 0, 51]), 8);
    assert.deepEqual(transform, { side: 8, padX: 0, padY: 2 });
    const pixel = (x: number, y: number) => [...input.subarray((y * 8 + x) * 3, (y * 8 + x) * 3 + 3)].map((v) => +v.toFixed(2));
    assert.deepEqual(pixel(0, 0), [-1, -1, -1]);
    assert.deepEqual(pixel(7, 1), [-1, -1, -1]);
    assert.deepEqual(pixel(0, 2), [1, -1, -0.6]);
    assert.deepEqual(pixel(7, 5), [1, -1, -0.6]);
    assert.deepEqual(pixel(3, 6), [-1, -1, -1]);
  });

  it("interpolates bilinearly when scaling up", () => {
    // 2×1 image black | white scaled into 4×4: the middle row holds a ramp
    const image = { width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 255, 255, 255]) };
    const { input } = letterbox(image, 4);
    const row = [0, 1, 2, 3].map((x) => +(input[(1 * 4 + x) * 3] as number).toFixed(3));
    assert.deepEqual(row, [-1, -0.5, 0.5, 1]);
  });

  it("averages the covered source pixels when scaling down strongly", () => {
    // 8×8 checkerboard into 2×2: every output pixel is mid-grey
    const data = new Uint8Array(64 * 3);
    for (let i = 0; i < 64; i++) if (((i % 8) + Math.floor(i / 8)) % 2 === 0) data.fill(255, i * 3, i * 3 + 3);
    const { input } = letterbox({ width: 8, height: 8, data }, 2);
    for (const v of input) assert.ok(Math.abs(v) < 1e-6);
  });

  it("handles a single pixel and reuses a given buffer", () => {
    const buffer = new Float32Array(128 * 128 * 3);
    const { input } = letterbox(solid(1, 1, [255, 255, 255]), 128, buffer);
    assert.equal(input, buffer);
    assert.equal(input[0], 1);
    assert.throws(() => letterbox(solid(1, 1, [0, 0, 0]), 128, new Float32Array(3)), RangeError);
    assert.throws(() => letterbox({ width: 0, height: 0, data: new Uint8Array(0) }, 128), RangeError);
  });
});

describe("toImageFaces", () => {
  it("maps normalised square coordinates back to image pixels, with box calibration and clipping", () => {
    const transform = letterboxTransform(200, 100); // side 200, padY 50
    const faces = {
      count: 2,
      boxes: Float32Array.from([0.25, 0.25, 0.75, 0.75, 0.9, 0.9, 1, 1]),
      scores: Float32Array.from([0.9, 0.8]),
      keypoints: new Float32Array(24).fill(0.5),
    };
    const raw = toImageFaces(faces, transform, { width: 200, height: 100 }, { boxScale: 1, boxShiftY: 0 });
    assert.equal(raw.length, 1); // the second box lies entirely in the bottom padding
    assert.deepEqual(raw[0]!.rect, [50, 0, 150, 100]);
    assert.deepEqual(raw[0]!.landmarks[0], [100, 50]);
    assert.equal(raw[0]!.landmarks.length, 6);
    const calibrated = toImageFaces(faces, transform, { width: 200, height: 100 }, { boxScale: 0.5, boxShiftY: -0.1 });
    assert.deepEqual(calibrated[0]!.rect, [75, 15, 125, 65]);
  });
});
