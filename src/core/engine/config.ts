/**
 * The engine's configuration: the decoding limit plus one optional section per task. Each task
 * fills its defaults into a copy of its own section; nothing here is mutated.
 * @module
 */
import type { FaceDetectionConfig } from "../tasks/face-detection/config.ts";
import type { FaceRecognitionConfig } from "../tasks/face-recognition/config.ts";
import type { ObjectDetectorConfig } from "../tasks/objects/objects-config.ts";
import type { PoseEstimatorConfig } from "../tasks/pose/pose-config.ts";

/** Largest image (width × height) decoded unless configured otherwise: 40 megapixels. */
export const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * Engine settings. Keys of the task sections are the {@link TaskName}s, so the registry can hand
 * each task its own section. Task owners replace `Record<string, unknown>` with their config type.
 */
export interface EngineConfig {
  /** Images with more pixels than this are refused before decoding (decompression bombs). */
  maxPixels?: number;
  "face-detection"?: FaceDetectionConfig;
  "face-recognition"?: FaceRecognitionConfig;
  pose?: Partial<PoseEstimatorConfig>;
  objects?: Partial<ObjectDetectorConfig>;
}

/**
 * The pixel limit of a configuration.
 *
 * @param config Engine settings.
 * @returns `config.maxPixels`, or {@link DEFAULT_MAX_PIXELS}.
 * @throws {RangeError} When the limit is not a positive integer.
 */
export function resolveMaxPixels(config: EngineConfig): number {
  const maxPixels = config.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!Number.isInteger(maxPixels) || maxPixels < 1) {
    throw new RangeError(`maxPixels must be a positive integer, got "${maxPixels}"`);
  }
  return maxPixels;
}
