/**
 * Converts reconstructed PNG scanlines of any colour type and bit depth to packed RGB.
 * @module
 */
import type { PngHeader } from "./png-header.ts";

/** Where one scanline's pixels go in the RGB output. */
export interface RowTarget {
  /** RGB output buffer. */
  out: Uint8Array;
  /** Byte offset of the row's first pixel in `out`. */
  at: number;
  /** Bytes between consecutive pixels in `out` (3, or 3 × the Adam7 column step). */
  step: number;
}

/**
 * Writes one scanline as RGB. 16-bit samples are scaled as ⌊v × 255 / 65535⌋ (as ImageMagick does); sub-byte grey is scaled to
 * 0–255 (1-bit: 0/255, 2-bit: ×85, 4-bit: ×17); palette indices are looked up (an index past the
 * palette gives black); alpha (channel or tRNS) is dropped.
 *
 * @param header The parsed IHDR.
 * @param palette PLTE as RGB triples (palette images only).
 * @param data Reconstructed scanlines.
 * @param first Offset of the scanline's first byte (after its filter byte).
 * @param width Pixels in this scanline.
 * @param target Where to write.
 */
export function writeRgbRow(
  header: PngHeader,
  palette: Uint8Array | undefined,
  data: Uint8Array,
  first: number,
  width: number,
  target: RowTarget,
): void {
  const { out, step } = target;
  const depth = header.bitDepth;
  let o = target.at;
  let s = first;
  switch (header.colorType) {
    case 2:
    case 6: {
      const unit = (header.colorType === 6 ? 4 : 3) * (depth === 16 ? 2 : 1);
      if (depth === 16) {
        for (let x = 0; x < width; x++, s += unit, o += step) {
          out[o] = read16As8(data, s);
          out[o + 1] = read16As8(data, s + 2);
          out[o + 2] = read16As8(data, s + 4);
        }
        return;
      }
      for (let x = 0; x < width; x++, s += unit, o += step) {
        out[o] = data[s]!;
        out[o + 1] = data[s + 1]!;
        out[o + 2] = data[s + 2]!;
      }
      return;
    }
    case 0:
    case 4: {
      if (depth >= 8) {
        const unit = (header.colorType === 4 ? 2 : 1) * (depth === 16 ? 2 : 1);
        for (let x = 0; x < width; x++, s += unit, o += step) {
          const grey = depth === 16 ? read16As8(data, s) : data[s]!;
          out[o] = grey;
          out[o + 1] = grey;
          out[o + 2] = grey;
        }
        return;
      }
      const scale = 255 / ((1 << depth) - 1);
      for (let x = 0; x < width; x++, o += step) {
        const grey = readSubByteSample(data, first, x, depth) * scale;
        out[o] = grey;
        out[o + 1] = grey;
        out[o + 2] = grey;
      }
      return;
    }
    case 3: {
      const colours = palette ?? new Uint8Array(0);
      for (let x = 0; x < width; x++, o += step) {
        const p = (depth === 8 ? data[first + x]! : readSubByteSample(data, first, x, depth)) * 3;
        if (p + 2 < colours.length) {
          out[o] = colours[p]!;
          out[o + 1] = colours[p + 1]!;
          out[o + 2] = colours[p + 2]!;
        } else {
          out[o] = 0;
          out[o + 1] = 0;
          out[o + 2] = 0;
        }
      }
      return;
    }
  }
}

/** The `x`-th sample of a row packed at 1, 2 or 4 bits per sample, most significant bits first. */
function readSubByteSample(data: Uint8Array, first: number, x: number, depth: number): number {
  const bit = x * depth;
  return (data[first + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** A big-endian 16-bit sample scaled to 0–255: ⌊v × 255 / 65535⌋. */
function read16As8(data: Uint8Array, at: number): number {
  return ((((data[at]! << 8) | data[at + 1]!) * 255) / 65535) | 0;
}
