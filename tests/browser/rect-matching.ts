/**
 * Comparing two sets of `[left, top, right, bottom]` boxes (order is not significant: the
 * reference itself returns faces in varying order).
 * @module
 */

/** `[left, top, right, bottom]`. */
export type Box = [number, number, number, number];

/** Intersection over union of two boxes. */
export function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Pairs every box of `a` with its best unused match in `b`.
 *
 * @returns The IoU of each pair, in `a`'s order (0 where nothing was left to pair with).
 */
export function matchBoxes(a: Box[], b: Box[]): number[] {
  const used = new Set<number>();
  return a.map((box) => {
    let best = -1;
    let bestIou = 0;
    b.forEach((other, index) => {
      const value = iou(box, other);
      if (!used.has(index) && value > bestIou) {
        best = index;
        bestIou = value;
      }
    });
    if (best >= 0) used.add(best);
    return bestIou;
  });
}
