/**
 * What one image job will cost in decoded pixels, read from the image header on the main thread
 * before any worker sees the bytes: images over the pixel limit are refused here, cheaply, and
 * the rest are charged against the pool's in-flight pixel budget.
 * @module
 */
import { ImageDecodeError } from "../../core/image/image-decode-error.ts";
import { assertWithinPixelLimit, readImageHeader } from "../../core/image/read-image-header.ts";
import { JobFailedError } from "./pool-errors.ts";

/**
 * Declared pixels of an encoded image.
 *
 * @param bytes The encoded image.
 * @param maxPixels The pixel limit.
 * @returns width × height from the header; 0 when the header cannot be read (the worker then
 * refuses the bytes with the precise reason, without decoding anything).
 * @throws {JobFailedError} A `decode` failure (code `too-large`) when the header declares more
 * than `maxPixels` pixels, with the worker's own message.
 */
export function declaredPixels(bytes: Uint8Array, maxPixels: number): number {
  let width: number;
  let height: number;
  try {
    ({ width, height } = readImageHeader(bytes));
  } catch {
    return 0;
  }
  try {
    assertWithinPixelLimit(width, height, maxPixels);
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
    throw new JobFailedError({ kind: "decode", message: error.message, code: error.code });
  }
  return width * height;
}
