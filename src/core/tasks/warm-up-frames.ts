/**
 * Frame sizes a task declares for its warm-up (`TaskDefinition.warmUp`); the engine runs the task
 * on synthetic frames of these sizes before its first request.
 * @module
 */

/** A synthetic frame's size: `[width, height]` in pixels. */
export type FrameSize = readonly [width: number, height: number];

/**
 * The clients' camera sizes (landscape and portrait, as models with two input shapes see them)
 * and a larger photo, with odd sizes so scale factors and padding are fractional.
 */
export const CAMERA_AND_PHOTO_FRAMES: readonly FrameSize[] = Object.freeze([
  [241, 180],
  [180, 241],
  [479, 641],
] as const);
