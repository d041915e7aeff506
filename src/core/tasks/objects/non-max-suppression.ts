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

/**
 * Keeps every candidate scoring at least `minScore` and, per class, only the `perClass` best of
 * those scoring below it.
 *
 * @param candidates Candidates after NMS.
 * @param minScore Candidates at or above it are all kept.
 * @param perClass Low-score candidates kept per class.
 * @returns The kept candidates, in their original order.
 * @example
 * ```ts
 * capLowScoreBoxes([chair(0.19), chair(0.17), laptop(0.5)], 0.3, 1); // chair 0.19, laptop 0.5
 * ```
 */
export function capLowScoreBoxes(candidates: readonly Candidate[], minScore: number, perClass: number): Candidate[] {
  const lowKept = new Map<number, number>();
  const dropped = new Set<Candidate>();
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (candidate.score >= minScore) continue;
    const n = lowKept.get(candidate.classIndex) ?? 0;
    lowKept.set(candidate.classIndex, n + 1);
    if (n >= perClass) dropped.add(candidate);
  }
  return candidates.filter((c) => !dropped.has(c));
}
