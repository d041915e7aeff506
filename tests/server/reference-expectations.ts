/**
 * What the server's replies are checked against: the reference's published results and the
 * engine run in-process on the same bytes (the server must add nothing and lose nothing).
 */
import { createEngine } from "../../src/core/engine/engine.ts";
import type { FaceDetectionResult, Rect } from "../../src/core/engine/types.ts";
import { formatFaceDetectionReply } from "../../src/core/tasks/face-detection/reply.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";

/** The reference's published Haar box for Bruce.jpg (§3.1). */
export const REFERENCE_BRUCE_RECT: Rect = [73, 76, 147, 150];

/** Face-detection replies computed in this process, one per image (short-range model unless `model` says otherwise). */
export async function inProcessFaceDetection(images: Uint8Array[], model: "short" | "full" = "short"): Promise<string[]> {
  const engine = await createEngine({
    readModelFile: createModelStore(),
    tasks: ["face-detection"],
    config: { "face-detection": { model } },
    wasm: { wasmDirectory: WASM_DIRECTORY },
    jpegWasm: await readJpegWasm(),
  });
  try {
    const replies: string[] = [];
    for (const image of images) replies.push(formatFaceDetectionReply(await engine.run("face-detection", image.slice()) as FaceDetectionResult));
    return replies;
  } finally {
    engine.dispose();
  }
}

const TIME = /"server_processing_time": "\d+\.\d{3}"/;

/** The reply with its time value replaced, for byte comparison. */
export function withoutTime(reply: string): string {
  return reply.replace(TIME, '"server_processing_time": "<ms>"');
}

/** All integers inside the `rects` / `rect` value, in order. */
export function rectNumbers(reply: string): number[] {
  const match = reply.match(/"rects?": (\[.*\])/);
  return match ? (match[1] as string).match(/-?\d+/g)!.map(Number) : [];
}

/**
 * Asserts that two replies are byte-identical apart from the time value and box coordinates,
 * which may differ by `tolerance` pixels.
 */
export function sameReplyWithin(actual: string, expected: string, tolerance: number): string | undefined {
  const mask = (s: string) => withoutTime(s).replace(/-?\d+(?=[,\]])/g, "N");
  if (mask(actual) !== mask(expected)) return `Replies differ in form:\n  ${actual}\n  ${expected}`;
  const a = rectNumbers(actual);
  const e = rectNumbers(expected);
  if (a.length !== e.length || a.some((v, i) => Math.abs(v - (e[i] as number)) > tolerance)) {
    return `Boxes differ by more than ${tolerance} px:\n  ${actual}\n  ${expected}`;
  }
  return undefined;
}

/** Intersection over union of two `[l, t, r, b]` boxes. */
export function iou(a: readonly number[], b: readonly number[]): number {
  const [al, at, ar, ab] = a as [number, number, number, number];
  const [bl, bt, br, bb] = b as [number, number, number, number];
  const w = Math.max(0, Math.min(ar, br) - Math.max(al, bl));
  const h = Math.max(0, Math.min(ab, bb) - Math.max(at, bt));
  const inter = w * h;
  return inter / ((ar - al) * (ab - at) + (br - bl) * (bb - bt) - inter);
}
