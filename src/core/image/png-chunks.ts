/**
 * Walks a PNG's chunks, checking each CRC, and collects what decoding needs.
 * @module
 */
import { crc32 } from "../checksum/crc32.ts";
import { ImageDecodeError } from "./image-decode-error.ts";
import type { PngHeader } from "./png-header.ts";

/** The chunks a decode needs. */
export interface PngChunks {
  /** IDAT payloads, in order (views into the input, no copies). */
  imageData: Uint8Array[];
  /** PLTE entries as RGB triples. */
  palette?: Uint8Array;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/**
 * Reads every chunk from after the signature to IEND. Transparency (tRNS) is not needed:
 * EdgeVision drops alpha.
 *
 * @param bytes The whole PNG.
 * @param header The parsed IHDR.
 * @returns The IDAT payloads and the palette.
 * @throws {ImageDecodeError} `"truncated"` when the file ends before IEND, `"corrupt"` for a bad
 * CRC, a missing palette or no image data.
 */
export function readPngChunks(bytes: Uint8Array, header: PngHeader): PngChunks {
  const imageData: Uint8Array[] = [];
  let palette: Uint8Array | undefined;
  let offset = 8;
  while (true) {
    if (offset + 12 > bytes.length) throw truncated(bytes.length);
    const length = readUint32(bytes, offset);
    const typeStart = offset + 4;
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) throw truncated(bytes.length);
    const type = String.fromCharCode(bytes[typeStart]!, bytes[typeStart + 1]!, bytes[typeStart + 2]!, bytes[typeStart + 3]!);
    if (crc32(bytes, typeStart, dataEnd) !== readUint32(bytes, dataEnd)) {
      throw new ImageDecodeError("corrupt", `PNG chunk "${type}" at byte ${offset} has a wrong CRC`);
    }
    if (type === "IDAT") imageData.push(bytes.subarray(dataStart, dataEnd));
    else if (type === "PLTE") {
      if (length % 3 !== 0 || length === 0 || length > 768) throw new ImageDecodeError("corrupt", `PNG palette has an invalid length ${length}`);
      palette = bytes.subarray(dataStart, dataEnd);
    } else if (type === "IEND") break;
    offset = dataEnd + 4;
  }
  if (imageData.length === 0) throw new ImageDecodeError("corrupt", "PNG has no image data (IDAT)");
  if (header.colorType === 3 && !palette) throw new ImageDecodeError("corrupt", "PNG palette image has no palette (PLTE)");
  return palette ? { imageData, palette } : { imageData };
}

function truncated(length: number): ImageDecodeError {
  return new ImageDecodeError("truncated", `PNG is truncated: its ${length} bytes end before the IEND chunk`);
}
