import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createSsdAnchors, FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS } from "../../src/core/tasks/face-detection/anchors.ts";

// Anchors are float32: compare through Math.fround.
const f32 = (values: number[]) => values.map(Math.fround);

describe("createSsdAnchors", () => {
  it("lays out the 896 short-range anchors: 16×16×2 at stride 8, then 8×8×6 at stride 16", () => {
    const a = createSsdAnchors(SHORT_RANGE_ANCHORS);
    assert.equal(a.length, 896 * 2);
    // first cell of the 16×16 grid, two anchors
    assert.deepEqual([...a.subarray(0, 4)], f32([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16]));
    // second cell in the first row
    assert.deepEqual([...a.subarray(4, 6)], f32([1.5 / 16, 0.5 / 16]));
    // last anchor of the 16×16 grid, then the first of the 8×8 grid
    assert.deepEqual([...a.subarray(511 * 2, 512 * 2)], f32([15.5 / 16, 15.5 / 16]));
    assert.deepEqual([...a.subarray(512 * 2, 513 * 2)], f32([0.5 / 8, 0.5 / 8]));
    // the 8×8 grid has six anchors per cell: anchor 512 + 6 is the second cell
    assert.deepEqual([...a.subarray(518 * 2, 519 * 2)], f32([1.5 / 8, 0.5 / 8]));
    assert.deepEqual([...a.subarray(895 * 2)], f32([7.5 / 8, 7.5 / 8]));
  });

  it("lays out the 2304 full-range anchors on a 48×48 grid, one per cell", () => {
    const a = createSsdAnchors(FULL_RANGE_ANCHORS);
    assert.equal(a.length, 2304 * 2);
    assert.deepEqual([...a.subarray(0, 2)], f32([0.5 / 48, 0.5 / 48]));
    assert.deepEqual([...a.subarray(48 * 2, 49 * 2)], f32([0.5 / 48, 1.5 / 48]));
  });

  it("refuses a stride that does not divide the input", () => {
    assert.throws(() => createSsdAnchors({ inputSize: 100, layers: [{ stride: 8, anchorsPerCell: 1 }] }), RangeError);
  });
});
