/**
 * Settings of the `objects` task and their defaults.
 * @module
 */

/** How the object detector runs. */
export interface ObjectDetectorConfig {
  /**
   * Network input `[height, width]` in pixels (multiples of 32) for landscape and square
   * images; portrait images use `[width, height]`. The image is scaled to fit, keeping its aspect.
   */
  inputSize: readonly [number, number];
  /** Minimum class score (NanoDet's IoU-aware quality score, 0–1) for a box to be reported. */
  minScore: number;
  /** Boxes of one class that overlap a higher-scoring one by more than this IoU are dropped. */
  maxIou: number;
  /** At most this many objects are reported. */
  maxObjects: number;
}

/**
 * Defaults. NanoDet-g at 160 × 224 (the clients' 240 × 180 frames fill it but for 11 columns)
 * runs ~5× faster than at its native 416², and found as many of the sample images' objects
 * (see scripts/bench-tasks.ts). Its scores are IoU-aware quality scores, lower than YOLO's
 * objectness: 0.3 keeps the clear detections; clutter starts below ~0.25.
 */
export const DEFAULT_OBJECT_DETECTOR_CONFIG: Readonly<ObjectDetectorConfig> = {
  inputSize: [160, 224],
  minScore: 0.3,
  maxIou: 0.4,
  maxObjects: 100,
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
  if (!(resolved.maxIou >= 0 && resolved.maxIou <= 1)) throw new RangeError(`Objects maxIou must be 0–1, got "${resolved.maxIou}"`);
  if (!(Number.isInteger(resolved.maxObjects) && resolved.maxObjects > 0)) {
    throw new RangeError(`Objects maxObjects must be a positive integer, got "${resolved.maxObjects}"`);
  }
  return resolved;
}
