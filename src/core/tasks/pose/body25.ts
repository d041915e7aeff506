/**
 * Converting COCO-17 keypoints (MoveNet's order) to OpenPose BODY_25, the form the MobiledgeX
 * reference returns. BODY_25 points MoveNet lacks are derived (neck, mid-hip) or left empty
 * (toes and heels).
 * @module
 */

/** A keypoint `[x, y, score]` in image pixels; `[0, 0, 0]` means not detected. */
export type Keypoint = [number, number, number];

/** COCO-17 keypoint names in MoveNet's output order. */
export const COCO17_NAMES: readonly string[] = [
  "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
  "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
  "right_ankle",
];

/** BODY_25 keypoint names in index order. */
export const BODY25_NAMES: readonly string[] = [
  "Nose", "Neck", "RShoulder", "RElbow", "RWrist", "LShoulder", "LElbow", "LWrist", "MidHip", "RHip", "RKnee",
  "RAnkle", "LHip", "LKnee", "LAnkle", "REye", "LEye", "REar", "LEar", "LBigToe", "LSmallToe", "LHeel", "RBigToe",
  "RSmallToe", "RHeel",
];

/**
 * For each BODY_25 index: the COCO-17 index it copies, a pair whose midpoint it is, or `null`
 * when MoveNet has no such point.
 */
export const BODY25_FROM_COCO17: readonly (number | readonly [number, number] | null)[] = [
  0, // Nose
  [5, 6], // Neck = mid-shoulders
  6, 8, 10, // RShoulder, RElbow, RWrist
  5, 7, 9, // LShoulder, LElbow, LWrist
  [11, 12], // MidHip = mid-hips
  12, 14, 16, // RHip, RKnee, RAnkle
  11, 13, 15, // LHip, LKnee, LAnkle
  2, 1, 4, 3, // REye, LEye, REar, LEar
  null, null, null, null, null, null, // toes and heels
];

const EMPTY: Keypoint = [0, 0, 0];

/**
 * Maps 17 COCO keypoints to 25 BODY_25 keypoints. A keypoint whose score is below
 * `minScore` becomes `[0, 0, 0]`; a derived midpoint exists only when both of its ends pass,
 * and its score is the lower of the two.
 *
 * @param coco 17 keypoints `[x, y, score]` in image pixels, COCO order.
 * @param minScore Keypoints scoring below this are reported as not detected.
 * @returns 25 keypoints in BODY_25 order.
 * @throws {RangeError} When `coco` does not hold 17 keypoints.
 * @example
 * ```ts
 * const body25 = coco17ToBody25(movenetKeypoints, 0.2);
 * body25[1]; // neck: midpoint of the shoulders
 * ```
 */
export function coco17ToBody25(coco: readonly Keypoint[], minScore: number): Keypoint[] {
  if (coco.length !== 17) throw new RangeError(`Expected 17 COCO keypoints, got "${coco.length}"`);
  const seen = (i: number): Keypoint | undefined => {
    const k = coco[i];
    return k !== undefined && k[2] >= minScore ? k : undefined;
  };
  return BODY25_FROM_COCO17.map((source): Keypoint => {
    if (source === null) return [...EMPTY];
    if (typeof source === "number") {
      const k = seen(source);
      return k === undefined ? [...EMPTY] : [k[0], k[1], k[2]];
    }
    const a = seen(source[0]);
    const b = seen(source[1]);
    if (a === undefined || b === undefined) return [...EMPTY];
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, Math.min(a[2], b[2])];
  });
}
