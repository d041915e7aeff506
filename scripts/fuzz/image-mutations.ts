/**
 * Byte-level mutations of valid JPEG and PNG files: truncations, bit flips, wrong magic numbers,
 * huge declared dimensions (with the PNG header CRC kept valid, so the size check is what fires),
 * broken PNG chunk CRCs and PNG headers with impossible fields.
 * @module
 */
import { crc32 } from "../../src/core/checksum/crc32.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** A mutation: its name and the mutated copy. */
export interface Mutation {
  name: string;
  bytes: Uint8Array;
}

/** Cuts the file at a random length (0 included). */
export function truncate(source: Uint8Array, random: SeededRandom): Mutation {
  const length = random.next() < 0.3 ? random.int(0, Math.min(64, source.length - 1)) : random.int(0, source.length - 1);
  return { name: `truncate-${length}`, bytes: source.slice(0, length) };
}

/** Flips 1–16 random bits, half the time only inside the first 1 KiB (the headers). */
export function flipBits(source: Uint8Array, random: SeededRandom): Mutation {
  const bytes = source.slice();
  const flips = random.int(1, 16);
  const span = random.next() < 0.5 ? Math.min(1024, bytes.length) : bytes.length;
  for (let i = 0; i < flips; i++) {
    const at = random.int(0, span - 1);
    bytes[at] = (bytes[at] as number) ^ (1 << random.int(0, 7));
  }
  return { name: `flip-${flips}-bits`, bytes };
}

/** Overwrites the first 1–8 bytes (the format's magic number). */
export function wrongMagic(source: Uint8Array, random: SeededRandom): Mutation {
  const bytes = source.slice();
  const count = random.int(1, 8);
  bytes.set(random.bytes(count), 0);
  return { name: `magic-${count}`, bytes };
}

const HUGE_SIZES: readonly [number, number][] = [[65535, 65535], [6324, 6324], [1, 65535], [65535, 1], [0, 100], [100, 0], [40000, 40000]];

/** Rewrites a JPEG's SOFn frame size to a huge or zero width/height. */
export function hugeJpegDimensions(source: Uint8Array, random: SeededRandom): Mutation | undefined {
  const at = findJpegFrameHeader(source);
  if (at === undefined) return undefined;
  const [width, height] = random.pick(HUGE_SIZES);
  const bytes = source.slice();
  bytes[at + 5] = height >> 8, bytes[at + 6] = height & 0xff, bytes[at + 7] = width >> 8, bytes[at + 8] = width & 0xff;
  return { name: `jpeg-${width}x${height}`, bytes };
}

/** Rewrites a PNG's IHDR width/height (CRC recomputed, so the header itself is valid). */
export function hugePngDimensions(source: Uint8Array, random: SeededRandom): Mutation {
  const [width, height] = random.pick([...HUGE_SIZES, [0x7fffffff, 0x7fffffff] as [number, number], [0xffffffff, 2]]);
  const bytes = source.slice();
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width >>> 0);
  view.setUint32(20, height >>> 0);
  view.setUint32(29, crc32(bytes, 12, 29));
  return { name: `png-${width}x${height}`, bytes };
}

/** Corrupts the CRC of one PNG chunk. */
export function badPngCrc(source: Uint8Array, random: SeededRandom): Mutation {
  const chunks = pngChunkEnds(source);
  const end = random.pick(chunks);
  const bytes = source.slice();
  bytes[end - 1] = (bytes[end - 1] as number) ^ 0x5a;
  return { name: `png-bad-crc@${end}`, bytes };
}

/** Sets an impossible bit depth, colour type, compression, filter or interlace value in IHDR (CRC valid). */
export function badPngHeaderField(source: Uint8Array, random: SeededRandom): Mutation {
  const bytes = source.slice();
  const field = random.int(24, 28);
  bytes[field] = random.pick([0, 3, 5, 7, 9, 17, 255]);
  new DataView(bytes.buffer).setUint32(29, crc32(bytes, 12, 29));
  return { name: `png-ihdr-${field}=${bytes[field]}`, bytes };
}

/** Offset of the first SOFn marker's 0xFF byte, if any. */
function findJpegFrameHeader(bytes: Uint8Array): number | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] as number;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return at;
    at += 2 + (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
  }
  return undefined;
}

/** End offsets (exclusive) of every PNG chunk, CRC included. */
function pngChunkEnds(bytes: Uint8Array): number[] {
  const ends: number[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.length;) {
    const end = at + 12 + view.getUint32(at);
    if (end > bytes.length) break;
    ends.push(end);
    at = end;
  }
  return ends;
}
