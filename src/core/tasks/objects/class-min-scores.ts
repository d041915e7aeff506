/**
 * Per-class score thresholds for NanoDet-g (opt-in: `--objects-class-thresholds calibrated`),
 * calibrated with `scripts/eval-objects.ts --calibrate` on images of the labelled set
 * (tests/fixtures/object-labels.json), `objects_001.jpg` among them. NanoDet-g's quality scores
 * run low for some classes (a clearly visible bicycle or chair at 0.15–0.25) and high for classes
 * it confuses (a green ball as an apple or orange, horses as cows or sheep). Tuned on the images
 * it is scored on, the table overfits: class-level F1 0.60 cross-validated and on the held-out
 * images, against 0.71 / 0.74 for the default single threshold 0.4 (docs/pose-and-objects.md).
 * @module
 */

/** The threshold of the classes the tables do not name (the one they were calibrated around). */
export const CALIBRATED_REST_MIN_SCORE = 0.3;

/** Darknet class name → minimum score, per network input size `"HxW"` (landscape). */
export const CALIBRATED_CLASS_MIN_SCORES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "160x224": {
    person: 0.4, bicycle: 0.15, "sports ball": 0.2, bottle: 0.35, bowl: 0.35, apple: 0.45, orange: 0.55, chair: 0.15,
    pottedplant: 0.45, tvmonitor: 0.45, laptop: 0.2, truck: 0.25, "tennis racket": 0.35, sheep: 0.55, cow: 0.5,
  },
  "256x320": {
    apple: 0.6, bench: 0.4, bicycle: 0.2, bowl: 0.4, chair: 0.2, cow: 0.45, orange: 0.5, pottedplant: 0.45,
    "sports ball": 0.15, tvmonitor: 0.7,
  },
  "320x416": {
    apple: 0.45, bench: 0.45, bottle: 0.35, cat: 0.4, chair: 0.1, cow: 0.45, orange: 0.45, pottedplant: 0.4,
    sheep: 0.35, "sports ball": 0.1, tvmonitor: 0.7, vase: 0.4,
  },
};

/**
 * The calibrated thresholds for an input size.
 *
 * @param inputSize Network input `[height, width]`.
 * @returns The per-class table, or an empty one when that size was not calibrated.
 * @example
 * ```ts
 * calibratedClassMinScores([160, 224]).bicycle; // 0.15
 * ```
 */
export function calibratedClassMinScores(inputSize: readonly [number, number]): Readonly<Record<string, number>> {
  return CALIBRATED_CLASS_MIN_SCORES[`${inputSize[0]}x${inputSize[1]}`] ?? {};
}
