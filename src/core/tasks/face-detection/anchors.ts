/**
 * SSD anchor centres for BlazeFace, as MediaPipe's `SsdAnchorsCalculator` lays them out with
 * `fixed_anchor_size: true` (every anchor is 1 × 1 in normalised units, so only centres matter).
 * @module
 */

/** One feature-map level: its stride in input pixels and how many anchors share each cell. */
export interface AnchorLayer {
  stride: number;
  anchorsPerCell: number;
}

/** The anchor layout of a BlazeFace model. */
export interface AnchorSpec {
  /** Side of the square model input, in pixels. */
  inputSize: number;
  /** Levels in output order (MediaPipe merges consecutive layers of equal stride into one). */
  layers: readonly AnchorLayer[];
}

/** Short-range / front BlazeFace: 128², 16×16×2 + 8×8×6 = 896 anchors. */
export const SHORT_RANGE_ANCHORS: AnchorSpec = {
  inputSize: 128,
  layers: [{ stride: 8, anchorsPerCell: 2 }, { stride: 16, anchorsPerCell: 6 }],
};

/** Full-range BlazeFace: 192², 48×48×1 = 2304 anchors. */
export const FULL_RANGE_ANCHORS: AnchorSpec = {
  inputSize: 192,
  layers: [{ stride: 4, anchorsPerCell: 1 }],
};

/**
 * Computes the anchor centres, row-major per layer (y, then x, then anchor in cell).
 *
 * @param spec Input size and layers.
 * @returns `[cx0, cy0, cx1, cy1, …]` normalised to 0–1 of the model input.
 * @throws {RangeError} When a stride does not divide the input size.
 * @example
 * ```ts
 * createSsdAnchors(SHORT_RANGE_ANCHORS).length; // 1792 (896 anchors × 2)
 * ```
 */
export function createSsdAnchors(spec: AnchorSpec): Float32Array {
  let total = 0;
  for (const { stride, anchorsPerCell } of spec.layers) {
    if (spec.inputSize % stride !== 0) {
      throw new RangeError(`Anchor stride "${stride}" does not divide input size "${spec.inputSize}"`);
    }
    total += (spec.inputSize / stride) ** 2 * anchorsPerCell;
  }
  const centres = new Float32Array(total * 2);
  let i = 0;
  for (const { stride, anchorsPerCell } of spec.layers) {
    const grid = spec.inputSize / stride;
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let a = 0; a < anchorsPerCell; a++) {
          centres[i++] = (x + 0.5) / grid;
          centres[i++] = (y + 0.5) / grid;
        }
      }
    }
  }
  return centres;
}
