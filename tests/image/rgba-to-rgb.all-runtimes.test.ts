import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { rgbaToRgb } from "../../src/core/image/rgba-to-rgb.ts";

describe("rgbaToRgb", () => {
  it("drops alpha for every pixel count and alignment", () => {
    for (const pixels of [0, 1, 2, 3, 4, 5, 7, 8, 9, 43200]) {
      for (const offset of [0, 1, 4]) {
        const buffer = new Uint8ClampedArray(offset + pixels * 4);
        for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 37 + 11) & 0xff;
        const rgba = buffer.subarray(offset);
        const expected = new Uint8Array(pixels * 3);
        for (let p = 0; p < pixels; p++) expected.set([rgba[p * 4]!, rgba[p * 4 + 1]!, rgba[p * 4 + 2]!], p * 3);
        assert.deepEqual(rgbaToRgb(rgba), expected, `${pixels} pixels at offset ${offset}`);
      }
    }
  });
});
