/**
 * The pure-JavaScript JPEG path (jpeg-js): used when no WASM decoder was injected.
 * @module
 */
import jpeg from "jpeg-js";
import type { DecodedImage } from "./decoded-image.ts";
import { ImageDecodeError } from "./image-decode-error.ts";
import type { JpegHeader } from "./jpeg-header.ts";

/**
 * Decodes a JPEG whose header has been read and checked against the pixel limit.
 * jpeg-js's own resolution and memory caps are set just above what this header needs, as a
 * second fence against allocation.
 *
 * @param bytes The whole JPEG.
 * @param header Its frame header, from `readJpegHeader`.
 * @returns Packed RGB.
 * @throws {ImageDecodeError} `"corrupt"` when jpeg-js rejects the data.
 */
export function decodeJpegPure(bytes: Uint8Array, header: JpegHeader): DecodedImage {
  const pixels = header.width * header.height;
  try {
    const { width, height, data } = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: true,
      maxResolutionInMP: pixels / 1e6 + 1,
      // jpeg-js keeps 4-byte coefficients per component (up to 4), 1-byte component planes and
      // the RGB output: ≤ 24 bytes per pixel, plus slack for block padding and tables.
      maxMemoryUsageInMB: Math.ceil((pixels * 24) / (1 << 20)) + 64,
    });
    if (width !== header.width || height !== header.height || data.length !== width * height * 3) {
      throw new Error(`decoder returned ${width}x${height} with ${data.length} bytes`);
    }
    return { width, height, data };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageDecodeError("corrupt", `JPEG is corrupt (${reason})`, { cause: error });
  }
}
