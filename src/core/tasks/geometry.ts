/**
 * The pixel geometry every task reports in.
 * @module
 */

/** `[left, top, right, bottom]` in integer pixels of the image as sent. */
export type Rect = [number, number, number, number];

/** A point `[x, y]` in pixels of the image as sent. */
export type Point = [number, number];

/**
 * Intersection over union of two boxes given by their corners: the one overlap measure every
 * task's non-maximum suppression uses (faces over packed `Float32Array`s, objects over arrays).
 *
 * @returns 0–1 (0 when the boxes do not overlap or either is empty).
 * @example
 * ```ts
 * iouOfCorners(0, 0, 2, 2, 1, 0, 3, 2); // 1/3
 * ```
 */
export function iouOfCorners(
  ax0: number, ay0: number, ax1: number, ay1: number,
  bx0: number, by0: number, bx1: number, by1: number,
): number {
  const iw = Math.min(ax1, bx1) - Math.max(ax0, bx0);
  const ih = Math.min(ay1, by1) - Math.max(ay0, by0);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter;
  return union > 0 ? inter / union : 0;
}
