/**
 * Pure decoding of MoveNet MultiPose's six head maps into the graph's own `[6, 56]` output, the
 * same steps as the post-processing baked into the converted graph (which the estimator cuts
 * off: on tfjs-backend-wasm its broadcast comparisons and `Exp` over `[H/4, W/4, 6, 17]` cost
 * about a third of the whole run):
 *
 * 1. person centres: sigmoid of the centre map, kept where it equals its 5 × 5 max-pool, the
 *    six highest (ties to the lower index);
 * 2. per person a box from the box heads at its centre, clipped to the map;
 * 3. per keypoint the regressed position (centre + regression); each cell inside the person's
 *    box is weighted heat-map × exp(−d² / (0.3 · min(H, W))) by its squared distance d² to it;
 *    the best cell (first on ties) plus its sub-cell offset is the keypoint, its score the best
 *    weight any person's box gives that cell;
 * 4. the person score = centre score × mean of its keypoint scores above 0.127.
 *
 * Arithmetic is rounded to float32 where the graph's is, so the results match the graph's.
 * @module
 */
import { MULTIPOSE_ROW_LENGTH } from "./movenet-decode.ts";

/** People the graph reports (its TopK k). */
export const MULTIPOSE_PEOPLE = 6;
const KEYPOINTS = 17;
/** Constants of the converted graph (as stored, float32). */
const CENTRE_PEAK_TOLERANCE = Math.fround(1.0132789611816406e-6);
const DISTANCE_SCALE = Math.fround(0.300048828125);
const KEYPOINT_SCORE_FLOOR = Math.fround(0.126953125);
const POOL_RADIUS = 2;

/** The six head maps, each row-major `[rows, columns, channels]`. */
export interface MultiPoseHeads {
  rows: number;
  columns: number;
  /** Centre logits, 1 channel. */
  centre: Float32Array;
  /** Box height and width, 2 channels. */
  boxScale: Float32Array;
  /** Box centre offset (y, x), 2 channels. */
  boxOffset: Float32Array;
  /** Keypoint heat-map logits, 17 channels. */
  heatmap: Float32Array;
  /** Keypoint (y, x) relative to the person centre, 34 channels. */
  regress: Float32Array;
  /** Keypoint (y, x) sub-cell offsets, 34 channels. */
  offset: Float32Array;
}

const f = Math.fround;
const sigmoid = (x: number) => f(1 / (1 + Math.exp(-x)));

/**
 * Decodes the heads as the MultiPose graph does.
 *
 * @param heads The head maps of one image.
 * @returns `6 × 56` values: per person 17 × (y, x, score) normalised to the input, then ymin,
 *   xmin, ymax, xmax (normalised) and the person score — the layout of the graph's output.
 */
export function decodeMultiPoseHeads(heads: MultiPoseHeads): Float32Array {
  const { rows, columns } = heads;
  const cells = rows * columns;
  const heat = new Float32Array(cells * KEYPOINTS);
  for (let i = 0; i < heat.length; i++) heat[i] = sigmoid(heads.heatmap[i] as number);
  const centres = topCentres(heads.centre, rows, columns);
  const boxes = centres.map(({ cell }) => personBox(heads, cell));
  const regressed = centres.map(({ cell }) => {
    const [row, column] = [Math.floor(cell / columns), cell % columns];
    const points = new Float64Array(2 * KEYPOINTS);
    for (let k = 0; k < KEYPOINTS; k++) {
      points[2 * k] = f(row + (heads.regress[cell * 2 * KEYPOINTS + 2 * k] as number));
      points[2 * k + 1] = f(column + (heads.regress[cell * 2 * KEYPOINTS + 2 * k + 1] as number));
    }
    return points;
  });
  const spread = f(f(Math.min(rows, columns)) * DISTANCE_SCALE);
  const weight = (p: number, k: number, row: number, column: number): number => {
    const box = boxes[p] as Float64Array;
    if (!(row >= (box[0] as number) && row < (box[2] as number) && column >= (box[1] as number) && column < (box[3] as number))) return 0;
    const points = regressed[p] as Float64Array;
    const dy = f(f(row - (points[2 * k] as number)) ** 2);
    const dx = f(f(column - (points[2 * k + 1] as number)) ** 2);
    const gauss = f(Math.exp(f(f(-f(dy + dx)) / spread)));
    return f((heat[(row * columns + column) * KEYPOINTS + k] as number) * gauss);
  };

  const out = new Float32Array(MULTIPOSE_PEOPLE * MULTIPOSE_ROW_LENGTH);
  const [scaleY, scaleX] = [f(4 / (4 * rows)), f(4 / (4 * columns))];
  for (const [p, { score: centreScore }] of centres.entries()) {
    const box = boxes[p] as Float64Array;
    const at = p * MULTIPOSE_ROW_LENGTH;
    let seen = 0;
    let scoreSum = 0;
    for (let k = 0; k < KEYPOINTS; k++) {
      let best = 0;
      let bestCell = 0;
      const [r0, r1] = [Math.max(0, Math.ceil(box[0] as number)), Math.min(rows, Math.ceil(box[2] as number))];
      const [c0, c1] = [Math.max(0, Math.ceil(box[1] as number)), Math.min(columns, Math.ceil(box[3] as number))];
      for (let row = r0; row < r1; row++) {
        for (let column = c0; column < c1; column++) {
          // The Gaussian factor is at most 1: a cell whose heat cannot beat the best is skipped.
          if ((heat[(row * columns + column) * KEYPOINTS + k] as number) <= best) continue;
          const w = weight(p, k, row, column);
          if (w > best) [best, bestCell] = [w, row * columns + column];
        }
      }
      const [row, column] = [Math.floor(bestCell / columns), bestCell % columns];
      let score = 0;
      for (let q = 0; q < centres.length; q++) score = Math.max(score, weight(q, k, row, column));
      const o = (bestCell * KEYPOINTS + k) * 2;
      out[at + 3 * k] = f(f(row + (heads.offset[o] as number)) * scaleY);
      out[at + 3 * k + 1] = f(f(column + (heads.offset[o + 1] as number)) * scaleX);
      out[at + 3 * k + 2] = score;
      if (score > KEYPOINT_SCORE_FLOOR) {
        seen++;
        scoreSum = f(scoreSum + f(centreScore * score));
      }
    }
    out[at + 51] = Math.min(1, Math.max(0, f(f(box[0] as number) * 4) / (4 * rows)));
    out[at + 52] = Math.min(1, Math.max(0, f(f(box[1] as number) * 4) / (4 * columns)));
    out[at + 53] = Math.min(1, Math.max(0, f(f(box[2] as number) * 4) / (4 * rows)));
    out[at + 54] = Math.min(1, Math.max(0, f(f(box[3] as number) * 4) / (4 * columns)));
    out[at + 55] = f(f(1 / Math.max(seen, 1)) * scoreSum);
  }
  return out;
}

/** The six best centre peaks: sigmoid scores equal to their 5 × 5 neighbourhood's maximum. */
function topCentres(logits: Float32Array, rows: number, columns: number): { cell: number; score: number }[] {
  const scores = new Float32Array(rows * columns);
  for (let i = 0; i < scores.length; i++) scores[i] = sigmoid(logits[i] as number);
  const peaks: { cell: number; score: number }[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      const score = scores[cell] as number;
      let pooled = -Infinity;
      for (let r = Math.max(0, row - POOL_RADIUS); r <= Math.min(rows - 1, row + POOL_RADIUS); r++) {
        for (let c = Math.max(0, column - POOL_RADIUS); c <= Math.min(columns - 1, column + POOL_RADIUS); c++) {
          pooled = Math.max(pooled, scores[r * columns + c] as number);
        }
      }
      peaks.push({ cell, score: Math.abs(f(score - pooled)) < CENTRE_PEAK_TOLERANCE ? score : 0 });
    }
  }
  return peaks.sort((a, b) => b.score - a.score || a.cell - b.cell).slice(0, MULTIPOSE_PEOPLE);
}

/** `[ymin, xmin, ymax, xmax]` in map cells, clipped to the map, of the person centred at `cell`. */
function personBox(heads: MultiPoseHeads, cell: number): Float64Array {
  const { rows, columns } = heads;
  const [row, column] = [Math.floor(cell / columns), cell % columns];
  const height = Math.max(0, heads.boxScale[2 * cell] as number);
  const width = Math.max(0, heads.boxScale[2 * cell + 1] as number);
  const y = f(row + (heads.boxOffset[2 * cell] as number));
  const x = f(column + (heads.boxOffset[2 * cell + 1] as number));
  const clip = (v: number, max: number) => Math.max(0, Math.min(max, v));
  return Float64Array.of(
    clip(f(y - f(height * 0.5)), rows),
    clip(f(x - f(width * 0.5)), columns),
    clip(f(y + f(height * 0.5)), rows),
    clip(f(x + f(width * 0.5)), columns),
  );
}
