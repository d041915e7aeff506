/**
 * Pure decoding of NanoDet-g (GFL head) outputs: per stride, class scores `[N, 80]` (already
 * sigmoid) and box distributions `[N, 4 × 11]`. Each side's distance is the expectation of a
 * softmax over 11 bins (0–10) times the stride, measured from the cell centre
 * `((col + 0.5) · stride, (row + 0.5) · stride)` as in upstream `gfl_head.py`
 * (`get_single_level_center_point`).
 * @module
 */

/** Bins per box side (`reg_max + 1`). */
export const NANODET_BINS_PER_SIDE = 11;

/** One stride level's raw outputs. */
export interface NanoDetLevel {
  stride: number;
  /** Feature-map columns (input width / stride). */
  columns: number;
  /** Class scores, row-major `[cells, classCount]`. */
  scores: Float32Array;
  /** Box bins, row-major `[cells, 4 × NANODET_BINS_PER_SIDE]`, sides left, top, right, bottom. */
  boxBins: Float32Array;
}

/** A candidate box in network-input pixels before NMS. */
export interface Candidate {
  classIndex: number;
  score: number;
  /** `[x1, y1, x2, y2]` in input pixels. */
  box: [number, number, number, number];
}

/**
 * The expected value of a softmax distribution over bins `0 … bins-1`.
 *
 * @param logits The array holding the logits.
 * @param offset Index of the first bin in `logits`.
 * @param bins Number of bins.
 * @returns Σ softmax(logits)ᵢ · i, in units of the stride.
 * @example
 * ```ts
 * binsToDistance(new Float32Array([0, 0, 10]), 0, 3); // ≈ 2
 * ```
 */
export function binsToDistance(logits: Float32Array, offset: number, bins: number = NANODET_BINS_PER_SIDE): number {
  let max = -Infinity;
  for (let i = 0; i < bins; i++) max = Math.max(max, logits[offset + i] ?? -Infinity);
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < bins; i++) {
    const e = Math.exp((logits[offset + i] ?? -Infinity) - max);
    sum += e;
    weighted += e * i;
  }
  return weighted / sum;
}

/**
 * Turns every (cell, class) pair whose score reaches `minScore` into a candidate box, as upstream
 * NanoDet's `multiclass_nms` input does (a box may carry several classes).
 *
 * @param levels The stride levels.
 * @param classCount Classes per cell (80 for COCO).
 * @param minScore Minimum class score (0–1).
 * @returns Candidates in input pixels, unsorted.
 */
export function decodeNanoDet(levels: readonly NanoDetLevel[], classCount: number, minScore: number): Candidate[] {
  const candidates: Candidate[] = [];
  const sideStride = NANODET_BINS_PER_SIDE * 4;
  for (const { stride, columns, scores, boxBins } of levels) {
    const cells = Math.floor(scores.length / classCount);
    for (let cell = 0; cell < cells; cell++) {
      let box: [number, number, number, number] | undefined;
      for (let c = 0; c < classCount; c++) {
        const score = scores[cell * classCount + c] ?? 0;
        if (score < minScore) continue;
        box ??= cellBox(boxBins, cell * sideStride, cell % columns, Math.floor(cell / columns), stride);
        candidates.push({ classIndex: c, score, box });
      }
    }
  }
  return candidates;
}

/**
 * Decodes one cell's box.
 *
 * @param boxBins All box bins of the level.
 * @param at Index of the cell's first bin.
 * @param column Cell column.
 * @param row Cell row.
 * @param stride Level stride in input pixels.
 * @returns `[x1, y1, x2, y2]` in input pixels.
 * @example
 * ```ts
 * // all-equal logits: each side is the mean bin, 5 strides from the centre (4, 4)
 * cellBox(new Float32Array(44), 0, 0, 0, 8); // [-36, -36, 44, 44]
 * ```
 */
export function cellBox(boxBins: Float32Array, at: number, column: number, row: number, stride: number): [number, number, number, number] {
  const cx = (column + 0.5) * stride;
  const cy = (row + 0.5) * stride;
  return [
    cx - binsToDistance(boxBins, at) * stride,
    cy - binsToDistance(boxBins, at + NANODET_BINS_PER_SIDE) * stride,
    cx + binsToDistance(boxBins, at + 2 * NANODET_BINS_PER_SIDE) * stride,
    cy + binsToDistance(boxBins, at + 3 * NANODET_BINS_PER_SIDE) * stride,
  ];
}
