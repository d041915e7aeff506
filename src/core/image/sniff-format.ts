/**
 * Format sniffing from magic bytes (never from a content type or file name).
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";

/** The formats EdgeVision decodes. */
export type ImageFormat = "jpeg" | "png";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Formats we recognise only to name them in the error message. */
const OTHER_FORMATS: ReadonlyArray<{ name: string; magic: ReadonlyArray<number>; offset?: number }> = [
  { name: "GIF", magic: [0x47, 0x49, 0x46, 0x38] },
  { name: "BMP", magic: [0x42, 0x4d] },
  { name: "WebP", magic: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { name: "TIFF", magic: [0x49, 0x49, 0x2a, 0x00] },
  { name: "TIFF", magic: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: "HEIF/AVIF", magic: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { name: "ICO", magic: [0x00, 0x00, 0x01, 0x00] },
];

const JPEG_MAGIC = [0xff, 0xd8, 0xff] as const;

function startsWith(bytes: Uint8Array, magic: ReadonlyArray<number>, offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((value, i) => bytes[offset + i] === value);
}

/** True when all of `bytes` (fewer than `magic`) match the start of `magic`: a cut-off signature. */
function isCutOffSignature(bytes: Uint8Array, magic: ReadonlyArray<number>): boolean {
  return bytes.length < magic.length && bytes.every((value, i) => magic[i] === value);
}

/**
 * Tells JPEG from PNG by their first bytes.
 *
 * @param bytes The whole file (only the first 12 bytes are read).
 * @returns `"jpeg"` or `"png"`.
 * @throws {ImageDecodeError} `"empty"` for no bytes, `"unknown-format"` otherwise (naming GIF, BMP,
 * WebP, TIFF, HEIF/AVIF or ICO when it recognises them).
 *
 * @example
 * ```ts
 * sniffImageFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // "jpeg"
 * ```
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) throw new ImageDecodeError("empty", "Image is empty (0 bytes)");
  if (startsWith(bytes, JPEG_MAGIC)) return "jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  const other = OTHER_FORMATS.find((f) => startsWith(bytes, f.magic, f.offset));
  if (other) {
    throw new ImageDecodeError("unknown-format", `Image format "${other.name}" is not supported; send a JPEG or PNG`);
  }
  if (isCutOffSignature(bytes, PNG_SIGNATURE) || isCutOffSignature(bytes, JPEG_MAGIC)) {
    throw new ImageDecodeError("truncated", `Image is truncated after ${bytes.length} bytes`);
  }
  throw new ImageDecodeError("unknown-format", "Image is neither a JPEG nor a PNG (unrecognised first bytes)");
}
