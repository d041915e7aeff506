/**
 * Settings of the face detector, with the defaults filled in by {@link resolveFaceDetectionConfig}.
 * @module
 */

/** Which BlazeFace variant runs. */
export type FaceDetectionModel = "short" | "full";

/** Face-detection settings; every field is optional. */
export interface FaceDetectionConfig {
  /**
   * `"short"`: BlazeFace short-range, 128² input, faces that fill a good part of the frame (camera
   * frames). `"full"`: full-range, 192² input, small or distant faces (group photos).
   */
  model?: FaceDetectionModel;
  /** Minimum face score, 0–1. */
  minScore?: number;
  /** Boxes that overlap more than this (IoU) are merged into one face. */
  iouThreshold?: number;
  /** At most this many faces, best first. */
  maxFaces?: number;
  /**
   * Factor applied to the width and height of the BlazeFace box around its (shifted) centre.
   * With {@link FaceDetectionConfig.boxShiftY} it makes the tighter BlazeFace boxes cover the
   * area of the reference server's Haar-cascade squares (forehead included). `1` keeps the raw box.
   */
  boxScale?: number;
  /** Vertical shift of the box centre, as a fraction of the raw box height (negative = up). */
  boxShiftY?: number;
}

/** Face-detection settings with every field present. */
export type ResolvedFaceDetectionConfig = Required<FaceDetectionConfig>;

/** The defaults (chosen by measurement; see scripts/bench-engine.ts and the README). */
export const DEFAULT_FACE_DETECTION_CONFIG: Readonly<ResolvedFaceDetectionConfig> = Object.freeze({
  model: "short",
  minScore: 0.5,
  iouThreshold: 0.3,
  maxFaces: 50,
  // Calibrated on the four reference Haar boxes of Bruce.jpg and face_triple.jpg: mean IoU with
  // them rises from 0.67 (raw short-range boxes) to 0.83, and from 0.78 to 0.86 (full-range).
  boxScale: 1.15,
  boxShiftY: -0.1,
});

/**
 * Fills the defaults into a copy of `config` and checks the values.
 *
 * @param config Partial settings.
 * @returns A new, complete settings object.
 * @throws {RangeError} When a value is out of range.
 * @example
 * ```ts
 * resolveFaceDetectionConfig({ model: "full" }).minScore; // 0.5
 * ```
 */
export function resolveFaceDetectionConfig(config: FaceDetectionConfig = {}): ResolvedFaceDetectionConfig {
  const resolved: ResolvedFaceDetectionConfig = { ...DEFAULT_FACE_DETECTION_CONFIG };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  if (resolved.model !== "short" && resolved.model !== "full") {
    throw new RangeError(`Face detection model must be "short" or "full", got "${resolved.model}"`);
  }
  checkRange("minScore", resolved.minScore, 0, 1);
  checkRange("iouThreshold", resolved.iouThreshold, 0, 1);
  checkRange("boxScale", resolved.boxScale, 0.1, 10);
  checkRange("boxShiftY", resolved.boxShiftY, -1, 1);
  if (!Number.isInteger(resolved.maxFaces) || resolved.maxFaces < 1) {
    throw new RangeError(`Face detection maxFaces must be a positive integer, got "${resolved.maxFaces}"`);
  }
  return resolved;
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!(typeof value === "number" && value >= min && value <= max)) {
    throw new RangeError(`Face detection ${name} must be between ${min} and ${max}, got "${value}"`);
  }
}
