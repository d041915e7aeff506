/**
 * The MobiledgeX face-detection reply (`/detector/detect/`, `/ws/detector/detect/`, TCP opcode 1),
 * protocol notes §2.2 and §3.1: `{"success": "true", "server_processing_time": "8.437", "rects":
 * [[73, 76, 147, 150]]}`, or `{"success": "false", "server_processing_time": "0.043"}` (no `rects`
 * key) when no face is found. Rects keep the detector's order (best score first).
 * @module
 */
import type { FaceDetectionResult } from "./result.ts";
import { pythonJsonDumps } from "../../protocol/mobiledgex-json.ts";

/**
 * Milliseconds as the reference prints them: a string with exactly three decimals.
 *
 * @param ms Milliseconds.
 * @returns e.g. `"8.437"`.
 */
export function formatProcessingTime(ms: number): string {
  return ms.toFixed(3);
}

/**
 * Formats a face-detection result as the reference server's JSON reply.
 *
 * @param result The engine's face-detection result.
 * @returns The reply text, byte-compatible with Python's `json.dumps` (no trailing newline).
 * @example
 * ```ts
 * formatFaceDetectionReply({ task: "face-detection", processingMs: 8.4371, faces: [] });
 * // '{"success": "false", "server_processing_time": "8.437"}'
 * ```
 */
export function formatFaceDetectionReply(result: Pick<FaceDetectionResult, "processingMs" | "faces">): string {
  const time = formatProcessingTime(result.processingMs);
  if (result.faces.length === 0) return pythonJsonDumps({ success: "false", server_processing_time: time });
  return pythonJsonDumps({
    success: "true",
    server_processing_time: time,
    rects: result.faces.map((face) => [...face.rect]),
  });
}
