/**
 * The one-call decoder: `decodeImage(bytes, options)`.
 * @module
 */
import type { DecodedImage } from "./decoded-image.ts";
import { decodeJpegPure } from "./decode-jpeg-pure.ts";
import { decodeWith, type ImageDecoder } from "./image-decoder.ts";
import { resolveMaxPixels } from "./read-image-header.ts";

/** Options for `decodeImage`. */
export interface DecodeImageOptions {
  /** Refuse images with more pixels than this (default 40 000 000). */
  maxPixels?: number;
  /**
   * A decoder from `createImageDecoder` (e.g. with the WASM JPEG decoder). Without one, JPEGs
   * go through the pure-JavaScript decoder, which needs no set-up but is 2–5× slower.
   */
  decoder?: ImageDecoder;
}

/**
 * Decodes a JPEG (baseline or progressive) or PNG (any colour type, bit depth, interlacing)
 * into packed RGB, 3 bytes per pixel. The format is sniffed from the bytes; dimensions are read
 * from the header and checked against `maxPixels` before anything is allocated. Alpha is
 * dropped (colour values kept as stored, not composited).
 *
 * @param bytes The encoded image.
 * @param options Pixel limit and an optional decoder instance.
 * @returns `{ width, height, data }` with `data.length === width * height * 3`.
 * @throws {ImageDecodeError} `"empty"`, `"unknown-format"`, `"truncated"`, `"corrupt"` or `"too-large"`.
 * @throws {RangeError} For a pixel limit that is not a positive number.
 *
 * @example
 * ```ts
 * const image = await decodeImage(bytes, { maxPixels: 40_000_000 });
 * console.log(image.width, image.height, image.data.length);
 * ```
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeImageOptions = {}): Promise<DecodedImage> {
  if (options.decoder) return options.decoder.decode(bytes, options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels });
  return decodeWith(bytes, resolveMaxPixels(options.maxPixels), decodeJpegPure);
}
