/**
 * Reads a JPEG's dimensions from its frame header (SOFn) without decoding it.
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";

/** What the JPEG frame header says. */
export interface JpegHeader {
  width: number;
  height: number;
  /** Bits per sample (8 for almost every JPEG; 12 or 16 for rare extended/lossless files). */
  precision: number;
  /** 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK/YCCK). */
  components: number;
  /** SOF2/SOF6/SOF10/SOF14: progressive scans. */
  progressive: boolean;
  /** The frame marker's second byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...). */
  frameMarker: number;
  /** Offset just past the frame header, where scans (SOS) may follow. */
  frameEnd: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length field. */
function hasNoLength(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/**
 * Walks the JPEG marker segments (APPn, COM, DQT, DHT, ...) up to the first frame header and
 * returns its dimensions. Every length is bounds-checked, so hostile bytes cannot make it read
 * out of range or loop: each step moves forward by at least two bytes.
 *
 * @param bytes A whole JPEG file, starting with FF D8.
 * @returns Width, height, precision, component count and whether it is progressive.
 * @throws {ImageDecodeError} `"truncated"` when the bytes end before the frame header,
 * `"corrupt"` for a malformed marker sequence or a zero width/height.
 *
 * @example
 * ```ts
 * const { width, height } = readJpegHeader(jpegBytes);
 * ```
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new ImageDecodeError("corrupt", "JPEG does not start with an SOI marker");
  let offset = 2;
  while (true) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    while (offset < bytes.length && bytes[offset] === 0xff && bytes[offset + 1] === 0xff) offset++;
    if (offset + 2 > bytes.length) throw truncatedBeforeFrame(bytes.length);
    if (bytes[offset] !== 0xff) {
      throw new ImageDecodeError("corrupt", `JPEG has no marker at byte ${offset} (found "0x${hex(bytes[offset])}")`);
    }
    const marker = bytes[offset + 1] ?? 0;
    offset += 2;
    if (hasNoLength(marker)) continue;
    if (marker === SOI || marker === EOI || marker === SOS || marker === 0x00) {
      throw new ImageDecodeError("corrupt", `JPEG has marker "0x${hex(marker)}" before its frame header`);
    }
    if (offset + 2 > bytes.length) throw truncatedBeforeFrame(bytes.length);
    const length = readUint16(bytes, offset);
    if (length < 2) throw new ImageDecodeError("corrupt", `JPEG segment "0x${hex(marker)}" has an invalid length ${length}`);
    if (offset + length > bytes.length) throw truncatedBeforeFrame(bytes.length);
    if (isStartOfFrame(marker)) return parseFrame(bytes, offset, length, marker);
    offset += length;
  }
}

function parseFrame(bytes: Uint8Array, offset: number, length: number, marker: number): JpegHeader {
  if (length < 8) throw new ImageDecodeError("corrupt", `JPEG frame header is too short (${length} bytes)`);
  const precision = bytes[offset + 2] ?? 0;
  const height = readUint16(bytes, offset + 3);
  const width = readUint16(bytes, offset + 5);
  const components = bytes[offset + 7] ?? 0;
  if (width === 0 || height === 0) {
    throw new ImageDecodeError("corrupt", `JPEG has a zero dimension (${width}x${height})`);
  }
  if (components !== 1 && components !== 3 && components !== 4) {
    throw new ImageDecodeError("corrupt", `JPEG has an unsupported component count "${components}"`);
  }
  const progressive = marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce;
  return { width, height, precision, components, progressive, frameMarker: marker, frameEnd: offset + length };
}

function truncatedBeforeFrame(length: number): ImageDecodeError {
  return new ImageDecodeError("truncated", `JPEG is truncated: its ${length} bytes end before the frame header`);
}

function hex(value: number | undefined): string {
  return (value ?? 0).toString(16).padStart(2, "0").toUpperCase();
}

/**
 * True when an end-of-image marker (FF D9) follows the frame header. Inside entropy-coded
 * data every 0xFF byte is followed by 0x00 or a restart marker, so FF D9 there can only be
 * the real end; a file cut short has none. Searches backwards, so a complete file (ending in,
 * or shortly followed by, EOI) costs a few comparisons.
 *
 * @param bytes The whole JPEG.
 * @param from Where to stop searching (the end of the frame header).
 */
export function hasEndOfImage(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i + 1] === EOI && bytes[i] === 0xff) return true;
  }
  return false;
}

/**
 * Why neither JPEG decoder can decode this frame type, or `undefined` when one can: only 8-bit
 * Huffman-coded baseline, extended and progressive JPEGs are supported (arithmetic-coded,
 * lossless, hierarchical and 12-bit files are rare and both decoders reject them).
 *
 * @param header The frame header.
 * @returns A short description of the unsupported variant, or `undefined`.
 */
export function unsupportedJpegVariant(header: JpegHeader): string | undefined {
  const marker = header.frameMarker;
  if (marker >= 0xc9) return "arithmetic-coded";
  if (marker === 0xc3 || marker === 0xc7) return "lossless";
  if (marker === 0xc5 || marker === 0xc6) return "hierarchical";
  if (header.precision !== 8) return `${header.precision}-bit`;
  return undefined;
}

/**
 * Counts start-of-scan markers (FF DA) after the frame header. A progressive JPEG re-walks the
 * whole coefficient buffer once per scan, so a small hostile file with thousands of scans could
 * cost seconds; real encoders write about 10. As with EOI, FF DA cannot occur inside
 * entropy-coded data.
 *
 * @param bytes The whole JPEG.
 * @param from The end of the frame header.
 * @param stopAt Stop counting once this many are found.
 * @returns The number of scans, at most `stopAt`.
 */
export function countScans(bytes: Uint8Array, from: number, stopAt: number): number {
  let scans = 0;
  for (let i = bytes.indexOf(0xff, from); i !== -1 && i < bytes.length - 1; i = bytes.indexOf(0xff, i + 1)) {
    if (bytes[i + 1] === SOS && ++scans >= stopAt) break;
  }
  return scans;
}
