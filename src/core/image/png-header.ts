/**
 * Reads a PNG's dimensions and pixel format from its IHDR chunk without decoding it.
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";

/** PNG colour types (PNG spec 11.2.2). */
export type PngColorType = 0 | 2 | 3 | 4 | 6;

/** What the IHDR chunk says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: PngColorType;
  interlaced: boolean;
}

/** Samples per pixel for each colour type. */
export const PNG_CHANNELS: Readonly<Record<PngColorType, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const ALLOWED_DEPTHS: Readonly<Record<PngColorType, ReadonlyArray<number>>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** PNG limits each dimension to 2^31 - 1. */
const MAX_DIMENSION = 0x7fffffff;

function readUint32(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

/**
 * Parses the IHDR chunk, which the PNG spec requires to come first (bytes 8–32).
 *
 * @param bytes A whole PNG file, starting with its 8-byte signature.
 * @returns Width, height, bit depth, colour type and whether it is Adam7-interlaced.
 * @throws {ImageDecodeError} `"truncated"` when the file ends inside IHDR, `"corrupt"` for a
 * missing IHDR, a zero dimension or an invalid depth/colour-type combination.
 *
 * @example
 * ```ts
 * const { width, height } = readPngHeader(pngBytes);
 * ```
 */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (bytes.length < 33) throw new ImageDecodeError("truncated", `PNG is truncated: its ${bytes.length} bytes end inside the IHDR header`);
  const length = readUint32(bytes, 8);
  const type = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
  if (type !== "IHDR" || length !== 13) throw new ImageDecodeError("corrupt", "PNG does not start with a valid IHDR chunk");
  const width = readUint32(bytes, 16);
  const height = readUint32(bytes, 20);
  const bitDepth = bytes[24] ?? 0;
  const colorType = bytes[25] ?? 0;
  const interlace = bytes[28] ?? 0;
  if (width === 0 || height === 0) throw new ImageDecodeError("corrupt", `PNG has a zero dimension (${width}x${height})`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new ImageDecodeError("corrupt", `PNG dimension exceeds the format's limit (${width}x${height})`);
  }
  const depths = ALLOWED_DEPTHS[colorType as PngColorType];
  if (!depths || !depths.includes(bitDepth)) {
    throw new ImageDecodeError("corrupt", `PNG has an invalid bit depth "${bitDepth}" for colour type "${colorType}"`);
  }
  if (bytes[26] !== 0 || bytes[27] !== 0 || interlace > 1) {
    throw new ImageDecodeError("corrupt", "PNG uses an unknown compression, filter or interlace method");
  }
  return { width, height, bitDepth: bitDepth as PngHeader["bitDepth"], colorType: colorType as PngColorType, interlaced: interlace === 1 };
}
