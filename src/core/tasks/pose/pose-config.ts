/**
 * Settings of the `pose` task and their defaults.
 * @module
 */

/** Which MoveNet runs. */
export type PoseModelName = "multipose" | "lightning";

/** How the pose estimator runs. */
export interface PoseEstimatorConfig {
  /**
   * `"multipose"` (MoveNet MultiPose Lightning: up to 6 people, any input size that is a
   * multiple of 32) or `"lightning"` (MoveNet SinglePose Lightning: one person, faster).
   */
  model: PoseModelName;
  /**
   * Network input `[height, width]` (multiples of 32) for landscape and square images; portrait
   * images use `[width, height]`. Default per model: {@link DEFAULT_POSE_INPUT_SIZES}.
   */
  inputSize: readonly [number, number];
  /** People whose MultiPose score is below this are dropped (Lightning: mean keypoint score). */
  minPersonScore: number;
  /** Keypoints scoring below this are reported as `[0.0, 0.0, 0.0]`. */
  minKeypointScore: number;
}

/**
 * Input size per model when none is configured (chosen by measured speed and accuracy, see
 * scripts/bench-tasks.ts). MultiPose at 128 × 160 still finds all six people of `6_bodies.jpg`
 * and keeps HollyGolfPose keypoints within ~4 px of its 192 × 256 result, at ~40 % of the cost.
 * Lightning at 128 × 160 (its graph rewritten from the native 192 × 192, see
 * movenet-input-size.ts) costs ~60 % of 192² and keeps single-person keypoints within ~2–3 px
 * of the 192² result on the sample images.
 */
export const DEFAULT_POSE_INPUT_SIZES: Readonly<Record<PoseModelName, readonly [number, number]>> = {
  multipose: [128, 160],
  lightning: [128, 160],
};

/** Defaults: MultiPose, because the reference (OpenPose) reports everyone in the picture. */
export const DEFAULT_POSE_ESTIMATOR_CONFIG: Readonly<PoseEstimatorConfig> = {
  model: "multipose",
  inputSize: DEFAULT_POSE_INPUT_SIZES.multipose,
  minPersonScore: 0.2,
  minKeypointScore: 0.2,
};

/**
 * Fills defaults into a copy of a partial configuration.
 *
 * @param config Overrides.
 * @returns A complete configuration.
 * @throws {RangeError} When a value is out of range.
 */
export function resolvePoseEstimatorConfig(config: Partial<PoseEstimatorConfig> = {}): PoseEstimatorConfig {
  const model = config.model ?? DEFAULT_POSE_ESTIMATOR_CONFIG.model;
  if (model !== "multipose" && model !== "lightning") {
    throw new RangeError(`Pose model must be "multipose" or "lightning", got "${model}"`);
  }
  const resolved = { ...DEFAULT_POSE_ESTIMATOR_CONFIG, inputSize: DEFAULT_POSE_INPUT_SIZES[model], ...config };
  for (const size of resolved.inputSize) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
      throw new RangeError(`Pose input size must be a multiple of 32, got "${resolved.inputSize.join("x")}"`);
    }
  }
  for (const key of ["minPersonScore", "minKeypointScore"] as const) {
    if (!(resolved[key] >= 0 && resolved[key] <= 1)) throw new RangeError(`Pose ${key} must be 0–1, got "${resolved[key]}"`);
  }
  return resolved;
}
