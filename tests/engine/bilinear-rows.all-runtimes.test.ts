// The shared bilinear scaling (src/core/tasks/bilinear-rows.ts) that NanoDet's and MoveNet's
// input builders read their rows from.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bilinearRows } from "../../src/core/tasks/bilinear-rows.ts";

/** All rows of a scaling, concatenated. */
function scale(image: { width: number; height: number; data: Uint8Array }, width: number, height: number): number[] {
  const sampleRow = bilinearRows(image, width, height);
  const row = new Float64Array(width * 3);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    sampleRow(y, row);
    out.push(...row);
  }
  return out;
}

describe("bilinearRows", () => {
  it("reproduces the image at its own size", () => {
    const data = Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 37) % 256);
    assert.deepEqual(scale({ width: 5, height: 3, data }, 5, 3), Array.from(data));
  });

  it("samples at half-pixel centres, clamped at the edges, horizontally and vertically", () => {
    const black = [0, 0, 0], white = [200, 100, 40];
    const expected = [black, [50, 25, 10], [150, 75, 30], white].flat();
    assert.deepEqual(scale({ width: 2, height: 1, data: Uint8Array.from([...black, ...white]) }, 4, 1), expected);
    assert.deepEqual(scale({ width: 1, height: 2, data: Uint8Array.from([...black, ...white]) }, 1, 4), expected);
  });

  it("averages the two nearest pixels when halving", () => {
    const data = Uint8Array.from([10, 20, 30, 30, 40, 50, 100, 100, 100, 0, 0, 0]);
    assert.deepEqual(scale({ width: 4, height: 1, data }, 2, 1), [20, 30, 40, 50, 50, 50]);
  });
});
