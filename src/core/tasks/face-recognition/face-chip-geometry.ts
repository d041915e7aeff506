/**
 * Where facial landmarks land in the 150×150 crop ("face chip") the dlib network was trained on,
 * and the similarity transform that puts a detected face there.
 * @module
 */
import type { Point } from "../geometry.ts";

/**
 * Landmark positions in a 150×150 dlib chip (dlib `get_face_chip_details(…, 150, 0.25)`): the means of
 * dlib's 68-point mean face per feature, mapped through `(p + 0.25) / 1.5 × 150`. Image-left eye first.
 */
export const DLIB_CHIP_LANDMARKS = {
  imageLeftEye: [47.55, 46.6] as Point,
  imageRightEye: [100.48, 46.6] as Point,
  noseTip: [74.01, 76.56] as Point,
  mouthCentre: [74.01, 105.42] as Point,
} as const;

/**
 * A similarity transform (rotation, uniform scale, translation) from crop coordinates to source
 * image coordinates: `x = a·u − b·v + tx`, `y = b·u + a·v + ty`.
 */
export interface ChipTransform {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/**
 * Least-squares similarity transform mapping `chipPoints` onto `imagePoints` (two points give the
 * exact "eyes level, scaled by eye distance" transform; more points average out landmark noise).
 *
 * @param chipPoints Points in crop coordinates.
 * @param imagePoints The same points in source image coordinates, in the same order.
 * @returns The crop → image transform.
 * @throws {RangeError} With fewer than two points, different counts, or coincident points.
 */
export function fitChipTransform(chipPoints: readonly Point[], imagePoints: readonly Point[]): ChipTransform {
  const n = chipPoints.length;
  if (n < 2 || imagePoints.length !== n) throw new RangeError(`Need at least two matching point pairs, got "${n}" and "${imagePoints.length}"`);
  let cu = 0, cv = 0, cx = 0, cy = 0;
  for (let i = 0; i < n; i++) {
    cu += chipPoints[i]![0];
    cv += chipPoints[i]![1];
    cx += imagePoints[i]![0];
    cy += imagePoints[i]![1];
  }
  cu /= n, cv /= n, cx /= n, cy /= n;
  let dot = 0, cross = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const u = chipPoints[i]![0] - cu, v = chipPoints[i]![1] - cv;
    const x = imagePoints[i]![0] - cx, y = imagePoints[i]![1] - cy;
    dot += u * x + v * y;
    cross += u * y - v * x;
    norm += u * u + v * v;
  }
  if (norm === 0) throw new RangeError("Crop points must not coincide");
  const a = dot / norm, b = cross / norm;
  if (a === 0 && b === 0) throw new RangeError("Image points must not coincide");
  return { a, b, tx: cx - a * cu + b * cv, ty: cy - b * cu - a * cv };
}
