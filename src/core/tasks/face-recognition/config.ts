/**
 * Settings of the face-recognition task (detector + alignment + embedding), with the defaults filled
 * in by {@link resolveFaceRecognitionConfig}. Matching against the gallery happens in the server and
 * has its own settings (src/server/recognition/match-config.ts).
 * @module
 */
import type { FaceDetectionConfig } from "../face-detection/config.ts";

/** Values per face embedding (the dlib ResNet's output); galleries store exactly this many. */
export const FACE_EMBEDDING_LENGTH = 128;

/**
 * Which detector landmarks the crop is aligned on. `"eyes"`: the two eye centres (eyes level,
 * scaled by their distance). `"eyes-nose-mouth"`: a least-squares fit on eyes, nose tip and mouth,
 * which averages out landmark noise.
 */
export type FaceAlignment = "eyes" | "eyes-nose-mouth";

/** Face-recognition settings; every field is optional. */
export interface FaceRecognitionConfig {
  /** Settings of the face detector that finds the face to embed (defaults: the detector's own). */
  detection?: FaceDetectionConfig;
  /** Landmarks used to align the crop. */
  alignment?: FaceAlignment;
}

/** Face-recognition settings with every field present. */
export interface ResolvedFaceRecognitionConfig {
  detection: FaceDetectionConfig;
  alignment: FaceAlignment;
}

/** The defaults (chosen by scripts/accuracy-recognition.ts; see the README). */
export const DEFAULT_FACE_RECOGNITION_CONFIG: Readonly<ResolvedFaceRecognitionConfig> = Object.freeze({
  detection: Object.freeze({}),
  alignment: "eyes",
});

/**
 * Fills the defaults into a copy of `config` and checks the values.
 *
 * @param config Partial settings.
 * @returns A new, complete settings object.
 * @throws {RangeError} When `alignment` is not a known value.
 * @example
 * ```ts
 * resolveFaceRecognitionConfig({}).alignment; // "eyes"
 * ```
 */
export function resolveFaceRecognitionConfig(config: FaceRecognitionConfig = {}): ResolvedFaceRecognitionConfig {
  const alignment = config.alignment ?? DEFAULT_FACE_RECOGNITION_CONFIG.alignment;
  if (alignment !== "eyes" && alignment !== "eyes-nose-mouth") {
    throw new RangeError(`Face alignment must be "eyes" or "eyes-nose-mouth", got "${alignment}"`);
  }
  return { detection: { ...DEFAULT_FACE_RECOGNITION_CONFIG.detection, ...config.detection }, alignment };
}
