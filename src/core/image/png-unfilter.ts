/**
 * Reverses PNG scanline filters (PNG spec 9), in place.
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";

/**
 * Unfilters `rows` scanlines stored at `start` as (filter byte, `rowBytes` bytes) each,
 * overwriting the filtered bytes with reconstructed ones so no second buffer is needed.
 *
 * @param data The inflated image data.
 * @param start Offset of the first scanline's filter byte.
 * @param rows Number of scanlines (one reduced image of an interlaced PNG, or the whole image).
 * @param rowBytes Bytes per scanline, without the filter byte.
 * @param bytesPerPixel Filter unit: bytes per complete pixel, at least 1.
 * @throws {ImageDecodeError} `"corrupt"` for an unknown filter type.
 */
export function unfilterScanlines(data: Uint8Array, start: number, rows: number, rowBytes: number, bytesPerPixel: number): void {
  const stride = rowBytes + 1;
  for (let row = 0; row < rows; row++) {
    const filterAt = start + row * stride;
    const first = filterAt + 1;
    const end = first + rowBytes;
    const hasUp = row > 0;
    const filter = data[filterAt];
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let i = first + bytesPerPixel; i < end; i++) data[i] = data[i]! + data[i - bytesPerPixel]!;
        break;
      case 2:
        if (hasUp) for (let i = first; i < end; i++) data[i] = data[i]! + data[i - stride]!;
        break;
      case 3:
        for (let i = first; i < end; i++) {
          const left = i - bytesPerPixel >= first ? data[i - bytesPerPixel]! : 0;
          const up = hasUp ? data[i - stride]! : 0;
          data[i] = data[i]! + ((left + up) >> 1);
        }
        break;
      case 4:
        for (let i = first; i < end; i++) {
          const hasLeft = i - bytesPerPixel >= first;
          const a = hasLeft ? data[i - bytesPerPixel]! : 0;
          const b = hasUp ? data[i - stride]! : 0;
          const c = hasLeft && hasUp ? data[i - stride - bytesPerPixel]! : 0;
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          data[i] = data[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
        break;
      default:
        throw new ImageDecodeError("corrupt", `PNG scanline ${row} has an unknown filter type "${filter}"`);
    }
  }
}
