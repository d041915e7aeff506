// Writes tests/fixtures/png/<variant>.png and <variant>.rgb (the expected packed RGB) for every
// PNG colour type, bit depth, palette/tRNS and Adam7 interlacing, with every scanline filter
// type in use. Then, if ImageMagick is installed (/usr/bin/convert), checks that ImageMagick
// decodes each file to exactly the expected RGB — an independent check of these fixtures.
// Run: npx tsx scripts/generate-png-fixtures.ts
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { zlibSync } from "fflate";
import { crc32 } from "../src/core/checksum/crc32.ts";

type ColorType = 0 | 2 | 3 | 4 | 6;
interface Variant {
  name: string;
  colorType: ColorType;
  depth: 1 | 2 | 4 | 8 | 16;
  interlaced?: boolean;
  trns?: boolean;
  width?: number;
  height?: number;
}

const CHANNELS: Record<ColorType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const KIND: Record<ColorType, string> = { 0: "grey", 2: "rgb", 3: "palette", 4: "grey-alpha", 6: "rgba" };

const VARIANTS: Variant[] = [];
for (const depth of [1, 2, 4, 8, 16] as const) VARIANTS.push({ name: "", colorType: 0, depth });
for (const depth of [1, 2, 4, 8] as const) VARIANTS.push({ name: "", colorType: 3, depth });
for (const colorType of [2, 4, 6] as const) for (const depth of [8, 16] as const) VARIANTS.push({ name: "", colorType, depth });
VARIANTS.push({ name: "", colorType: 3, depth: 8, trns: true }, { name: "", colorType: 3, depth: 2, trns: true });
VARIANTS.push({ name: "", colorType: 2, depth: 8, trns: true }, { name: "", colorType: 0, depth: 8, trns: true });
for (const v of [...VARIANTS]) VARIANTS.push({ ...v, interlaced: true });
VARIANTS.push({ name: "", colorType: 0, depth: 1, interlaced: true, width: 1, height: 1 });
VARIANTS.push({ name: "", colorType: 2, depth: 8, interlaced: true, width: 3, height: 2 });
VARIANTS.push({ name: "", colorType: 3, depth: 4, interlaced: true, width: 5, height: 9 });
for (const v of VARIANTS) {
  v.width ??= 13;
  v.height ??= 11;
  v.name = `${KIND[v.colorType]}-${v.depth}${v.trns ? "-trns" : ""}${v.interlaced ? "-adam7" : ""}` +
    (v.width !== 13 || v.height !== 11 ? `-${v.width}x${v.height}` : "");
}

/** Deterministic sample values covering the whole range of each depth. */
function sample(x: number, y: number, c: number, depth: number): number {
  const max = 2 ** depth;
  return depth === 16 ? (x * 5021 + y * 12289 + c * 20011 + x * y * 911) % max : (x * 7 + y * 13 + c * 29 + x * y) % max;
}

function paletteSize(v: Variant): number {
  return v.depth === 8 ? 200 : 2 ** v.depth;
}

function paletteEntry(i: number): [number, number, number] {
  return [(i * 37) % 256, (i * 91 + 17) % 256, 255 - i];
}

function sampleAt(v: Variant, x: number, y: number, c: number): number {
  return v.colorType === 3 ? sample(x, y, 0, 8) % paletteSize(v) : sample(x, y, c, v.depth);
}

function expectedRgb(v: Variant): Uint8Array {
  const out = new Uint8Array(v.width! * v.height! * 3);
  const to8 = (s: number) => (v.depth === 16 ? Math.floor((s * 255) / 65535) : v.depth < 8 ? (s * 255) / (2 ** v.depth - 1) : s);
  for (let y = 0; y < v.height!; y++) {
    for (let x = 0; x < v.width!; x++) {
      const o = (y * v.width! + x) * 3;
      if (v.colorType === 3) out.set(paletteEntry(sampleAt(v, x, y, 0)), o);
      else if (v.colorType === 0 || v.colorType === 4) out.fill(to8(sampleAt(v, x, y, 0)), o, o + 3);
      else for (let c = 0; c < 3; c++) out[o + c] = to8(sampleAt(v, x, y, c));
    }
  }
  return out;
}

/** Packs one row of pixels (given as x coordinates) into PNG sample bytes. */
function packRow(v: Variant, y: number, xs: number[]): Uint8Array {
  const channels = CHANNELS[v.colorType];
  const bits = channels * v.depth;
  const row = new Uint8Array(Math.ceil((xs.length * bits) / 8));
  xs.forEach((x, i) => {
    for (let c = 0; c < channels; c++) {
      const s = sampleAt(v, x, y, c);
      if (v.depth === 16) {
        row[(i * channels + c) * 2] = s >> 8;
        row[(i * channels + c) * 2 + 1] = s & 0xff;
      } else if (v.depth === 8) row[i * channels + c] = s;
      else {
        const bit = i * v.depth;
        row[bit >> 3]! |= s << (8 - v.depth - (bit & 7));
      }
    }
  });
  return row;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters a row with the given type (PNG spec 9.2). */
function filterRow(type: number, row: Uint8Array, prev: Uint8Array | undefined, bpp: number): Uint8Array {
  const out = new Uint8Array(row.length + 1);
  out[0] = type;
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = prev ? prev[i]! : 0;
    const c = prev && i >= bpp ? prev[i - bpp]! : 0;
    const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]!;
    out[i + 1] = (row[i]! - predictor) & 0xff;
  }
  return out;
}

const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

function scanlines(v: Variant): Uint8Array {
  const bpp = Math.max(1, (CHANNELS[v.colorType] * v.depth) >> 3);
  const passes = v.interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  const parts: Uint8Array[] = [];
  let rowIndex = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const xs: number[] = [];
    for (let x = x0; x < v.width!; x += dx) xs.push(x);
    if (xs.length === 0) continue;
    let prev: Uint8Array | undefined;
    for (let y = y0; y < v.height!; y += dy) {
      const row = packRow(v, y, xs);
      parts.push(filterRow(rowIndex++ % 5, row, prev, bpp));
      prev = row;
    }
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  return all;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function encode(v: Variant): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, v.width!);
  new DataView(ihdr.buffer).setUint32(4, v.height!);
  ihdr.set([v.depth, v.colorType, 0, 0, v.interlaced ? 1 : 0], 8);
  const chunks = [chunk("IHDR", ihdr)];
  if (v.colorType === 3) {
    const n = paletteSize(v);
    const plte = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) plte.set(paletteEntry(i), i * 3);
    chunks.push(chunk("PLTE", plte));
    if (v.trns) chunks.push(chunk("tRNS", Uint8Array.from({ length: Math.min(n, 7) }, (_, i) => i * 40)));
  } else if (v.trns) {
    chunks.push(chunk("tRNS", v.colorType === 0 ? Uint8Array.of(0, sample(1, 1, 0, 8)) : Uint8Array.of(0, 8, 0, 37, 0, 66)));
  }
  const compressed = zlibSync(scanlines(v), { level: 9 });
  const half = compressed.length >> 1; // two IDAT chunks, to exercise concatenation
  chunks.push(chunk("IDAT", compressed.subarray(0, half)), chunk("IDAT", compressed.subarray(half)), chunk("IEND", new Uint8Array(0)));
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const file = new Uint8Array(8 + chunks.reduce((n, c) => n + c.length, 0));
  file.set(signature);
  let at = 8;
  for (const c of chunks) file.set(c, (at += c.length) - c.length);
  return file;
}

const dir = new URL("../tests/fixtures/png/", import.meta.url);
mkdirSync(dir, { recursive: true });
const imageMagick = existsSync("/usr/bin/convert") ? "/usr/bin/convert" : undefined;
let mismatches = 0;
for (const v of VARIANTS) {
  const png = new URL(`${v.name}.png`, dir);
  const expected = expectedRgb(v);
  writeFileSync(png, encode(v));
  writeFileSync(new URL(`${v.name}.rgb`, dir), expected);
  if (imageMagick) {
    const decoded = execFileSync(imageMagick, [`png:${png.pathname}`, "-depth", "8", "rgb:-"]);
    const same = decoded.length === expected.length && decoded.every((b, i) => b === expected[i]);
    if (!same) mismatches++;
    console.log(`${v.name.padEnd(28)} ${same ? "ImageMagick agrees" : "IMAGEMAGICK DIFFERS"}`);
  } else console.log(v.name);
}
console.log(`${VARIANTS.length} variants written to ${dir.pathname}${imageMagick ? `; ImageMagick disagrees on ${mismatches}` : " (ImageMagick not installed: not cross-checked)"}`);
if (mismatches > 0) process.exit(1);
