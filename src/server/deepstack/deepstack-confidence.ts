/**
 * DeepStack's face `confidence` / `similarity` (0–1, higher = more alike) from EdgeVision's dlib
 * embedding distance. DeepStack itself reports (cosine similarity + 1) / 2 of its own embeddings
 * and calls a face known from 0.67 (its default `min_confidence`). dlib distances are on another
 * scale, so the mapping is linear and anchored at the server's match threshold: distance 0 → 1,
 * distance = threshold → 0.67, and down to 0 at about 3× the threshold. A client's
 * `min_confidence` of 0.67 therefore means the server's own threshold; higher values are stricter.
 * @module
 */

/** DeepStack's default `min_confidence` of `/v1/vision/face/recognize` (server.go). */
export const DEEPSTACK_RECOGNITION_MIN_CONFIDENCE = 0.67;

/**
 * Maps an embedding distance onto DeepStack's 0–1 similarity scale.
 *
 * @param distance Euclidean distance between dlib embeddings.
 * @param threshold The server's match threshold (distance).
 * @returns `1 - 0.33 × distance / threshold`, clamped to 0–1.
 * @example
 * ```ts
 * similarityFromDistance(0.55, 0.55); // 0.67
 * ```
 */
export function similarityFromDistance(distance: number, threshold: number): number {
  const similarity = 1 - ((1 - DEEPSTACK_RECOGNITION_MIN_CONFIDENCE) * distance) / threshold;
  return Math.min(1, Math.max(0, similarity));
}
