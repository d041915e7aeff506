/**
 * Checks a JPEG can and should be decoded, after its header passed the pixel limit and before a
 * decoder spends time or memory on it.
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";
import { countScans, hasEndOfImage, type JpegHeader, unsupportedJpegVariant } from "./jpeg-header.ts";

/** Real progressive encoders write ~10 scans; more than this is refused as hostile. */
export const MAX_PROGRESSIVE_SCANS = 256;

/**
 * Refuses unsupported JPEG variants, files cut short (no end-of-image marker: both decoders
 * would otherwise return a half-grey image without complaint) and progressive files with an
 * absurd number of scans.
 *
 * @param bytes The whole JPEG.
 * @param header Its frame header.
 * @throws {ImageDecodeError} `"unknown-format"`, `"truncated"` or `"corrupt"`.
 */
export function assertDecodableJpeg(bytes: Uint8Array, header: JpegHeader): void {
  const unsupported = unsupportedJpegVariant(header);
  if (unsupported) {
    throw new ImageDecodeError("unknown-format", `JPEG variant "${unsupported}" is not supported; send a baseline or progressive JPEG`);
  }
  if (!hasEndOfImage(bytes, header.frameEnd)) {
    throw new ImageDecodeError("truncated", `JPEG is truncated: its ${bytes.length} bytes have no end-of-image marker`);
  }
  if (header.progressive && countScans(bytes, header.frameEnd, MAX_PROGRESSIVE_SCANS + 1) > MAX_PROGRESSIVE_SCANS) {
    throw new ImageDecodeError("corrupt", `JPEG has more than ${MAX_PROGRESSIVE_SCANS} progressive scans`);
  }
}
