/**
 * PNG decoding to packed RGB: every colour type and bit depth, Adam7 interlacing, CRC checks
 * and bounded inflation. Pure TypeScript on top of the platform's native zlib inflater.
 * @module
 */
import type { DecodedImage } from "./decoded-image.ts";
import { readPngChunks } from "./png-chunks.ts";
import { PNG_CHANNELS, type PngHeader } from "./png-header.ts";
import { inflatePngData } from "./png-inflate.ts";
import { writeRgbRow } from "./png-pixels.ts";
import { unfilterScanlines } from "./png-unfilter.ts";

/** One reduced image: where its pixels start and how far apart they are. */
interface Pass {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
}

const NOT_INTERLACED: ReadonlyArray<Pass> = [{ x0: 0, y0: 0, dx: 1, dy: 1 }];
const ADAM7: ReadonlyArray<Pass> = [
  { x0: 0, y0: 0, dx: 8, dy: 8 },
  { x0: 4, y0: 0, dx: 8, dy: 8 },
  { x0: 0, y0: 4, dx: 4, dy: 8 },
  { x0: 2, y0: 0, dx: 4, dy: 4 },
  { x0: 0, y0: 2, dx: 2, dy: 4 },
  { x0: 1, y0: 0, dx: 2, dy: 2 },
  { x0: 0, y0: 1, dx: 1, dy: 2 },
];

/** Pixels across and rows down of one pass (0 when the image is too small for it). */
function passSize(header: PngHeader, pass: Pass): { columns: number; rows: number } {
  const columns = header.width > pass.x0 ? Math.ceil((header.width - pass.x0) / pass.dx) : 0;
  const rows = header.height > pass.y0 ? Math.ceil((header.height - pass.y0) / pass.dy) : 0;
  return columns > 0 && rows > 0 ? { columns, rows } : { columns: 0, rows: 0 };
}

/**
 * Decodes a PNG whose header has already been read and checked against the pixel limit.
 *
 * @param bytes The whole PNG.
 * @param header Its IHDR, from `readPngHeader`.
 * @returns Packed RGB (alpha dropped).
 * @throws {ImageDecodeError} `"truncated"` or `"corrupt"`.
 */
export async function decodePng(bytes: Uint8Array, header: PngHeader): Promise<DecodedImage> {
  const chunks = readPngChunks(bytes, header);
  const bitsPerPixel = PNG_CHANNELS[header.colorType] * header.bitDepth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  const passes = header.interlaced ? ADAM7 : NOT_INTERLACED;
  const sizes = passes.map((pass) => passSize(header, pass));
  const rowBytesOf = (columns: number) => Math.ceil((columns * bitsPerPixel) / 8);
  const expected = sizes.reduce((sum, { columns, rows }) => sum + rows * (1 + rowBytesOf(columns)), 0);
  const data = await inflatePngData(chunks.imageData, expected);
  const out = new Uint8Array(header.width * header.height * 3);
  let offset = 0;
  passes.forEach((pass, p) => {
    const { columns, rows } = sizes[p]!;
    if (rows === 0) return;
    const rowBytes = rowBytesOf(columns);
    unfilterScanlines(data, offset, rows, rowBytes, bytesPerPixel);
    for (let r = 0; r < rows; r++) {
      const y = pass.y0 + r * pass.dy;
      const target = { out, at: (y * header.width + pass.x0) * 3, step: 3 * pass.dx };
      writeRgbRow(header, chunks.palette, data, offset + r * (rowBytes + 1) + 1, columns, target);
    }
    offset += rows * (rowBytes + 1);
  });
  return { width: header.width, height: header.height, data: out };
}
