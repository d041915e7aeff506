/**
 * The MobiledgeX face-recognition reply (`/recognizer/predict/`, `/ws/recognizer/predict/`, TCP
 * opcode 2, `/trainer/predict/`), protocol notes §3.2 and §8.
 *
 * `confidence` keeps the reference's meaning — a distance where lower is closer and 0 is a perfect
 * match — on the LBPH-like scale the reference's clients expect: **confidence = 105 × distance /
 * threshold**, where distance is the Euclidean distance between dlib embeddings. So the match
 * threshold always sits at 105 (the training server's own "Unknown" limit), and the Android app's
 * "[DOUBTFUL]" mark (confidence > 120) still flags only non-matches.
 * @module
 */
import type { Rect } from "../geometry.ts";
import { pythonJsonDumps } from "../../protocol/mobiledgex-json.ts";

/** The confidence value that corresponds to the match threshold (the reference's 105). */
export const CONFIDENCE_AT_THRESHOLD = 105;

/** Subject reported for a face farther than the threshold from everyone enrolled (or nobody enrolled). */
export const UNKNOWN_SUBJECT = "Unknown";

/** What recognition found in one image. */
export type RecognitionOutcome =
  | { kind: "no-face"; processingMs: number }
  | {
    kind: "face";
    processingMs: number;
    rect: Rect;
    /** The matched subject, or {@link UNKNOWN_SUBJECT}. */
    subject: string;
    /** Already on the reply scale (see {@link distanceToConfidence}). */
    confidence: number;
    /** Extra explanation appended as a last `"reason"` key (e.g. nobody enrolled). */
    reason?: string;
  };

/**
 * Converts an embedding distance to the reply's confidence scale.
 *
 * @param distance Euclidean distance between embeddings.
 * @param threshold The distance at which a face stops matching.
 * @returns `105 × distance / threshold`.
 * @example
 * ```ts
 * distanceToConfidence(0.3, 0.6); // 52.5
 * ```
 */
export function distanceToConfidence(distance: number, threshold: number): number {
  return (CONFIDENCE_AT_THRESHOLD * distance) / threshold;
}

/**
 * Formats the reply bytes.
 *
 * @param outcome What was found.
 * @returns `{"success": "true", "subject": …, "confidence": "%.3f", "server_processing_time": …, "rect": [l, t, r, b]}`
 *   (plus `"reason"` when given), or `{"success": "false", "server_processing_time": …}` without a face.
 * @example
 * ```ts
 * formatRecognitionReply({ kind: "face", processingMs: 12.3456, rect: [73, 78, 146, 151], subject: "Bruce", confidence: 52.5 });
 * // '{"success": "true", "subject": "Bruce", "confidence": "52.500", "server_processing_time": "12.346", "rect": [73, 78, 146, 151]}'
 * ```
 */
export function formatRecognitionReply(outcome: RecognitionOutcome): string {
  const time = outcome.processingMs.toFixed(3);
  if (outcome.kind === "no-face") return pythonJsonDumps({ success: "false", server_processing_time: time });
  const reply = {
    success: "true",
    subject: outcome.subject,
    confidence: outcome.confidence.toFixed(3),
    server_processing_time: time,
    rect: [...outcome.rect],
  };
  return pythonJsonDumps(outcome.reason === undefined ? reply : { ...reply, reason: outcome.reason });
}
