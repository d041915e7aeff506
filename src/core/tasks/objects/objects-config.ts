/**
 * Settings of the `objects` task and their defaults.
 * @module
 */
import { DARKNET_COCO_CLASSES } from "./darknet-coco-classes.ts";

/** How the object detector runs. */
export interface ObjectDetectorConfig {
  /**
   * Network input `[height, width]` in pixels (multiples of 32) for landscape and square
   * images; portrait images use `[width, height]`. The image is scaled to fit, keeping its aspect.
   */
  inputSize: readonly [number, number];
  /**
   * Minimum class score (NanoDet's IoU-aware quality score, 0–1) for a box to be reported; with
   * per-class thresholds, the one of the classes the table does not name.
   */
  minScore: number;
  /**
   * Per-class minimum scores (darknet class name → 0–1) that replace `minScore` for those classes;
   * `{}` (default) = `minScore` for every class; `"calibrated"` = the table tuned on the evaluation
   * set for `inputSize` ({@link calibratedClassMinScores}; none for sizes that were not
   * calibrated) — it overfits that set (cross-validated F1 0.60 vs 0.71 for one threshold 0.4).
   */
  classMinScores: "calibrated" | Readonly<Record<string, number>>;
  /** Boxes of one class that overlap a higher-scoring one by more than this IoU are dropped. */
  maxIou: number;
  /** At most this many objects are reported. */
  maxObjects: number;
  /**
   * Per class, at most this many of the boxes scoring below `minScore` (those only classes with a
   * lower per-class threshold report) are kept, the best ones: NMS leaves several overlapping
   * low-score boxes around one object (four or five `chair` boxes for one chair). Without
   * per-class thresholds (the default) no box scores below `minScore` and this has no effect.
   */
  maxLowScoreBoxesPerClass: number;
}

/**
 * Defaults. NanoDet-g at 160 × 224 (the clients' 240 × 180 frames fill it but for 11 columns)
 * runs ~5× faster than at its native 416², and scores as well on the labelled set
 * (scripts/eval-objects.ts). One threshold 0.4 for every class is what leave-one-group-out
 * cross-validation on that set picks in every fold (F1 0.71 cross-validated, 0.74 on the
 * held-out images); per-class tables score higher only on the images they were tuned on.
 */
export const DEFAULT_OBJECT_DETECTOR_CONFIG: Readonly<ObjectDetectorConfig> = {
  inputSize: [160, 224],
  minScore: 0.4,
  classMinScores: {},
  maxIou: 0.4,
  maxObjects: 100,
  maxLowScoreBoxesPerClass: 1,
};

/**
 * Fills defaults into a copy of a partial configuration.
 *
 * @param config Overrides.
 * @returns A complete configuration.
 * @throws {RangeError} When a value is out of range.
 */
export function resolveObjectDetectorConfig(config: Partial<ObjectDetectorConfig> = {}): ObjectDetectorConfig {
  const resolved = { ...DEFAULT_OBJECT_DETECTOR_CONFIG, ...config };
  for (const size of resolved.inputSize) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
      throw new RangeError(`Objects input size must be a multiple of 32, got "${resolved.inputSize.join("x")}"`);
    }
  }
  if (!(resolved.minScore >= 0 && resolved.minScore <= 1)) throw new RangeError(`Objects minScore must be 0–1, got "${resolved.minScore}"`);
  if (resolved.classMinScores !== "calibrated") {
    for (const [name, score] of Object.entries(resolved.classMinScores)) {
      if (!DARKNET_COCO_CLASSES.includes(name)) throw new RangeError(`Objects classMinScores names unknown class "${name}"`);
      if (!(score >= 0 && score <= 1)) throw new RangeError(`Objects classMinScores "${name}" must be 0–1, got "${score}"`);
    }
  }
  if (!(resolved.maxIou >= 0 && resolved.maxIou <= 1)) throw new RangeError(`Objects maxIou must be 0–1, got "${resolved.maxIou}"`);
  if (!(Number.isInteger(resolved.maxLowScoreBoxesPerClass) && resolved.maxLowScoreBoxesPerClass >= 0)) {
    throw new RangeError(`Objects maxLowScoreBoxesPerClass must be a non-negative integer, got "${resolved.maxLowScoreBoxesPerClass}"`);
  }
  if (!(Number.isInteger(resolved.maxObjects) && resolved.maxObjects > 0)) {
    throw new RangeError(`Objects maxObjects must be a positive integer, got "${resolved.maxObjects}"`);
  }
  return resolved;
}
