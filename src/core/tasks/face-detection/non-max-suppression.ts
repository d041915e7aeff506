/**
 * Non-maximum suppression over {@link FaceCandidates}: plain (keep the best box of each cluster)
 * and weighted (MediaPipe's `WEIGHTED` mode: average each cluster's boxes and landmarks by score,
 * which steadies BlazeFace boxes).
 * @module
 */
import { iouOfCorners } from "../geometry.ts";
import { BLAZEFACE_KEYPOINTS, type FaceCandidates } from "./decode-detections.ts";

/** How overlapping candidates are merged. */
export type SuppressionMode = "plain" | "weighted";

/**
 * Intersection over union of boxes `i` and `j` of `boxes` (`[xmin, ymin, xmax, ymax]` each).
 *
 * @param boxes Packed boxes.
 * @param i Index of the first box.
 * @param j Index of the second box.
 * @returns IoU in 0–1 (0 for empty boxes).
 */
export function boxIou(boxes: Float32Array, i: number, j: number): number {
  return iouOfCorners(
    boxes[i * 4] as number, boxes[i * 4 + 1] as number, boxes[i * 4 + 2] as number, boxes[i * 4 + 3] as number,
    boxes[j * 4] as number, boxes[j * 4 + 1] as number, boxes[j * 4 + 2] as number, boxes[j * 4 + 3] as number,
  );
}

/**
 * Suppresses overlapping candidates.
 *
 * @param candidates Decoded candidates.
 * @param iouThreshold Candidates overlapping a better one by more than this are merged into it.
 * @param maxOutput Keep at most this many.
 * @param mode `"weighted"` averages each cluster by score; `"plain"` keeps its best member.
 * @returns New candidates, best score first.
 * @example
 * ```ts
 * const faces = nonMaxSuppression(candidates, 0.3, 10, "weighted");
 * ```
 */
export function nonMaxSuppression(
  candidates: FaceCandidates,
  iouThreshold: number,
  maxOutput: number,
  mode: SuppressionMode,
): FaceCandidates {
  const { boxes, scores, keypoints } = candidates;
  const order = Array.from({ length: candidates.count }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const kpLength = BLAZEFACE_KEYPOINTS * 2;
  const outBoxes: number[] = [];
  const outScores: number[] = [];
  const outKeypoints: number[] = [];
  const taken = new Uint8Array(candidates.count);
  for (const best of order) {
    if (outScores.length >= maxOutput) break;
    if (taken[best]) continue;
    const cluster: number[] = [];
    for (const other of order) {
      if (!taken[other] && (other === best || boxIou(boxes, best, other) > iouThreshold)) cluster.push(other);
    }
    for (const member of cluster) taken[member] = 1;
    const members = mode === "weighted" ? cluster : [best];
    let weight = 0;
    const box = [0, 0, 0, 0];
    const kps = new Array<number>(kpLength).fill(0);
    for (const m of members) {
      const s = scores[m] as number;
      weight += s;
      for (let c = 0; c < 4; c++) box[c] = (box[c] as number) + (boxes[m * 4 + c] as number) * s;
      for (let c = 0; c < kpLength; c++) kps[c] = (kps[c] as number) + (keypoints[m * kpLength + c] as number) * s;
    }
    outBoxes.push(...box.map((v) => v / weight));
    outKeypoints.push(...kps.map((v) => v / weight));
    outScores.push(scores[best] as number);
  }
  return {
    count: outScores.length,
    boxes: Float32Array.from(outBoxes),
    scores: Float32Array.from(outScores),
    keypoints: Float32Array.from(outKeypoints),
  };
}
