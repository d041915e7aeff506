/**
 * Format and dimensions of an image, read from its header only, plus the pixel-limit check
 * that runs before any decoder allocates.
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";
import { readJpegHeader } from "./jpeg-header.ts";
import { readPngHeader } from "./png-header.ts";
import { type ImageFormat, sniffImageFormat } from "./sniff-format.ts";

/** Format and dimensions from the header. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Default pixel limit: 40 megapixels (an 8-bit RGBA decode of that is 160 MB). */
export const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * Sniffs the format and reads the dimensions without decoding any pixels.
 *
 * @param bytes A whole JPEG or PNG file.
 * @returns `{ format, width, height }`.
 * @throws {ImageDecodeError} `"empty"`, `"unknown-format"`, `"truncated"` or `"corrupt"`.
 *
 * @example
 * ```ts
 * const { format, width, height } = readImageHeader(bytes); // { format: "jpeg", width: 240, height: 180 }
 * ```
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  const { width, height } = format === "jpeg" ? readJpegHeader(bytes) : readPngHeader(bytes);
  return { format, width, height };
}

/**
 * Refuses dimensions above the pixel limit, before a decoder can allocate for them.
 *
 * @param width Width from the header.
 * @param height Height from the header.
 * @param maxPixels The limit (width × height).
 * @throws {ImageDecodeError} `"too-large"`.
 */
export function assertWithinPixelLimit(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ImageDecodeError(
      "too-large",
      `Image is too large: ${width}x${height} is ${width * height} pixels, above the limit of ${maxPixels}`,
    );
  }
}

/**
 * The pixel limit to use: the default when none is given.
 *
 * @param maxPixels The configured limit, if any (`Infinity` disables it).
 * @returns A positive limit.
 * @throws {RangeError} For zero, negative or NaN limits, which would silently disable the check.
 */
export function resolveMaxPixels(maxPixels: number | undefined): number {
  if (maxPixels === undefined) return DEFAULT_MAX_PIXELS;
  if (!(maxPixels > 0)) throw new RangeError(`Pixel limit must be a positive number, got "${maxPixels}"`);
  return maxPixels;
}
