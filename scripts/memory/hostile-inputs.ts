/**
 * Hostile inputs for the memory attack script and tests: images whose headers declare far more
 * pixels than their bytes hold.
 * @module
 */
import { readJpegHeader } from "../../src/core/image/jpeg-header.ts";

/**
 * A copy of a JPEG whose frame header (SOF) declares `width` × `height`; the scan data stays
 * the small original's, so the file stays tiny while a decoder would allocate the full frame.
 *
 * @param jpeg A baseline or progressive JPEG.
 * @param width Declared width (≤ 65535).
 * @param height Declared height (≤ 65535).
 * @returns The patched copy (same length).
 */
export function withDeclaredJpegSize(jpeg: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(jpeg);
  const header = readJpegHeader(copy);
  const marker = header.frameEnd - 2 - (8 + 3 * header.components);
  if (copy[marker] !== 0xff || copy[marker + 1] !== header.frameMarker) throw new RangeError("Frame header not where expected");
  copy[marker + 5] = height >> 8;
  copy[marker + 6] = height & 0xff;
  copy[marker + 7] = width >> 8;
  copy[marker + 8] = width & 0xff;
  return copy;
}
