/**
 * Greedy per-class non-maximum suppression over plain boxes.
 * @module
 */
import { iouOfCorners } from "../geometry.ts";
import type { Candidate } from "./nanodet-decode.ts";

/**
 * Intersection over union of two `[x1, y1, x2, y2]` boxes.
 *
 * @param a First box.
 * @param b Second box.
 * @returns 0–1 (0 when either box is empty).
 * @example
 * ```ts
 * intersectionOverUnion([0, 0, 2, 2], [1, 0, 3, 2]); // 1/3
 * ```
 */
export function intersectionOverUnion(a: readonly number[], b: readonly number[]): number {
  const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = a;
  const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = b;
  return iouOfCorners(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
}

/**
 * Keeps, within each class, the highest-scoring boxes that overlap no kept box by more than
 * `maxIou`.
 *
 * @param candidates Boxes with class and score.
 * @param maxIou Boxes of the same class overlapping a kept one above this IoU are dropped.
 * @param maxResults At most this many boxes are kept in total (highest scores first).
 * @returns Kept candidates, ordered by class index ascending, then score descending.
 */
export function nonMaxSuppressionPerClass(candidates: readonly Candidate[], maxIou: number, maxResults: number): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  for (const candidate of sorted) {
    if (kept.length >= maxResults) break;
    const overlaps = kept.some((k) => k.classIndex === candidate.classIndex && intersectionOverUnion(k.box, candidate.box) > maxIou);
    if (!overlaps) kept.push(candidate);
  }
  return kept.sort((a, b) => a.classIndex - b.classIndex || b.score - a.score);
}
