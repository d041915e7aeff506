/**
 * The `/object/detect/` reply (MobiledgeX §3.5).
 * @module
 */
import type { ObjectsResult } from "./result.ts";
import { pythonJsonDumps } from "../../protocol/mobiledgex-json.ts";

/**
 * Formats a number like Python's `"%.{digits}f" % value`. JavaScript's `toFixed` rounds exact
 * ties up (0.125 → "0.13"); Python rounds the exact binary value half to even (0.125 → "0.12").
 *
 * @param value A finite number whose magnitude is below 1e21.
 * @param digits Digits after the point.
 * @returns e.g. `"0.99"`.
 * @example
 * ```ts
 * pythonFixed(0.625, 2); // "0.62"
 * ```
 */
export function pythonFixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  // toFixed(100) prints the exact binary value for the magnitudes scores have.
  const exact = value.toFixed(100).replace(/0+$/, "");
  const fraction = exact.slice(exact.indexOf(".") + 1);
  if (fraction.length !== digits + 1 || !fraction.endsWith("5")) return text;
  const down = exact.slice(0, exact.length - 1).replace(/\.$/, "");
  const lastKept = down.at(-1) ?? "0";
  return Number(lastKept) % 2 === 0 ? down : text;
}

/**
 * Formats an objects result as the reference server's JSON text: objects grouped by class index
 * (ascending), highest score first within a class; `objects` only when at least one was found.
 *
 * @param result The `objects` task's result.
 * @returns e.g. `{"success": "true", "server_processing_time": "28.584", "gpu_support": false, "objects": [{"rect": [-1, 76, 112, 206], "class": "bicycle", "confidence": "1.00"}]}`.
 * @example
 * ```ts
 * formatObjectsReply({ task: "objects", processingMs: 2, objects: [] });
 * // '{"success": "false", "server_processing_time": "2.000", "gpu_support": false}'
 * ```
 */
export function formatObjectsReply(result: ObjectsResult): string {
  const head = { server_processing_time: result.processingMs.toFixed(3), gpu_support: false };
  if (result.objects.length === 0) return pythonJsonDumps({ success: "false", ...head });
  const ordered = [...result.objects].sort((a, b) => a.classIndex - b.classIndex || b.score - a.score);
  return pythonJsonDumps({
    success: "true",
    ...head,
    objects: ordered.map((o) => ({ rect: [...o.rect], class: o.className, confidence: pythonFixed(o.score, 2) })),
  });
}
