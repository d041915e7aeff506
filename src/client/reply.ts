/**
 * The result both paths return: the MobiledgeX JSON document, parsed. The edge sends it as
 * text; on-device detection formats the engine result with the same protocol module, so a
 * caller draws boxes, keypoints and objects from one shape whichever path produced it.
 * @module
 */

/** `[left, top, right, bottom]` in pixels of the image as sent. */
export type ReplyRect = [number, number, number, number];

/** A parsed MobiledgeX reply (keys per task as in the protocol reference §3). */
export interface MobiledgeXReply {
  /** The string `"true"` or `"false"`, as the reference sends it. */
  success: string;
  /** Milliseconds with 3 decimals as a string; the integer 0 on some error replies. */
  server_processing_time?: string | number;
  /** Face detection. */
  rects?: ReplyRect[];
  /** Face recognition: the first face. */
  rect?: ReplyRect;
  subject?: string;
  confidence?: string;
  /** Pose: per person, 25 `[x, y, score]` keypoints. */
  poses?: [number, number, number][][];
  /** Objects. */
  objects?: { rect: ReplyRect; class: string; confidence: string }[];
  gpu_support?: boolean;
  /** Present on error replies. */
  error?: string;
}

/**
 * Parses a reply text into a {@link MobiledgeXReply}.
 *
 * @param text The JSON text of one reply.
 * @returns The parsed document.
 * @throws {TypeError} When the text is not a JSON object with a `success` key.
 * @example
 * ```ts
 * parseReply('{"success": "false", "server_processing_time": "0.030"}').success; // "false"
 * ```
 */
export function parseReply(text: string): MobiledgeXReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError(`Reply is not JSON: "${text.slice(0, 80)}"`);
  }
  if (typeof value !== "object" || value === null || !("success" in value)) {
    throw new TypeError(`Reply has no "success" key: "${text.slice(0, 80)}"`);
  }
  return value as MobiledgeXReply;
}
