/**
 * Turns raw BlazeFace rows into candidate boxes: `[logit, dx, dy, w, h, 6 × (x, y)]` per anchor,
 * offsets and sizes in model-input pixels relative to the anchor centre.
 * @module
 */

/** Values per BlazeFace output row. */
export const BLAZEFACE_ROW_LENGTH = 17;
/** Landmarks per face. */
export const BLAZEFACE_KEYPOINTS = 6;

/** Candidates above the score threshold, normalised to 0–1 of the (square) model input. */
export interface FaceCandidates {
  count: number;
  /** `count × [xmin, ymin, xmax, ymax]`. */
  boxes: Float32Array;
  /** `count` scores, 0–1. */
  scores: Float32Array;
  /** `count × 6 × [x, y]`. */
  keypoints: Float32Array;
}

/**
 * Decodes the rows whose score passes `minScore`.
 *
 * @param raw `anchors × 17` values as the model outputs them.
 * @param anchors Anchor centres from `createSsdAnchors`, normalised.
 * @param inputSize Side of the model input in pixels (the scale of the raw offsets).
 * @param minScore Minimum sigmoid score, 0–1.
 * @returns The passing candidates, in anchor order.
 * @throws {RangeError} When `raw` and `anchors` disagree in length.
 * @example
 * ```ts
 * const candidates = decodeDetections(output, createSsdAnchors(SHORT_RANGE_ANCHORS), 128, 0.5);
 * ```
 */
export function decodeDetections(raw: Float32Array, anchors: Float32Array, inputSize: number, minScore: number): FaceCandidates {
  const count = anchors.length / 2;
  if (raw.length !== count * BLAZEFACE_ROW_LENGTH) {
    throw new RangeError(`Expected "${count * BLAZEFACE_ROW_LENGTH}" output values for "${count}" anchors, got "${raw.length}"`);
  }
  // Compare logits instead of computing a sigmoid per anchor; logits are clipped to ±100 as in MediaPipe.
  const minLogit = Math.log(minScore / (1 - minScore));
  const passing: number[] = [];
  for (let a = 0; a < count; a++) {
    const logit = raw[a * BLAZEFACE_ROW_LENGTH] as number;
    if (logit >= minLogit) passing.push(a);
  }
  const boxes = new Float32Array(passing.length * 4);
  const scores = new Float32Array(passing.length);
  const keypoints = new Float32Array(passing.length * BLAZEFACE_KEYPOINTS * 2);
  passing.forEach((a, i) => {
    const row = a * BLAZEFACE_ROW_LENGTH;
    const ax = anchors[a * 2] as number;
    const ay = anchors[a * 2 + 1] as number;
    const cx = ax + (raw[row + 1] as number) / inputSize;
    const cy = ay + (raw[row + 2] as number) / inputSize;
    const halfW = (raw[row + 3] as number) / inputSize / 2;
    const halfH = (raw[row + 4] as number) / inputSize / 2;
    boxes.set([cx - halfW, cy - halfH, cx + halfW, cy + halfH], i * 4);
    const logit = Math.max(-100, Math.min(100, raw[row] as number));
    scores[i] = 1 / (1 + Math.exp(-logit));
    for (let k = 0; k < BLAZEFACE_KEYPOINTS; k++) {
      keypoints[(i * BLAZEFACE_KEYPOINTS + k) * 2] = ax + (raw[row + 5 + k * 2] as number) / inputSize;
      keypoints[(i * BLAZEFACE_KEYPOINTS + k) * 2 + 1] = ay + (raw[row + 6 + k * 2] as number) / inputSize;
    }
  });
  return { count: passing.length, boxes, scores, keypoints };
}
