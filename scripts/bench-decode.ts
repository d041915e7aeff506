// Image-decoding benchmark: median / p95 / mean milliseconds of header read + decode to RGB.
// Also the fastest iteration (min) and process CPU time per operation (includes the runtime's GC
// and JIT threads), which help read results from a machine shared with other work.
// JPEG: MozJPEG WASM (@jsquash/jpeg's codec, our default when WASM is injected) vs jpeg-js (pure
// JS), on a 240x180 and a 640x480 JPEG. PNG: our decoder vs fast-png (+ conversion to RGB).
// Run the same file under each runtime:
//   npx tsx scripts/bench-decode.ts | npm run deno -- run -A scripts/bench-decode.ts | npx bun scripts/bench-decode.ts
// Optional: --scale N multiplies the iteration counts, e.g. `... bench-decode.ts --scale 2`.
import { readFileSync } from "node:fs";
import { decode as fastPngDecode, encode as fastPngEncode } from "fast-png";
import { createImageDecoder, type ImageDecoder, readImageHeader } from "../src/core/image/mod.ts";
import { positiveNumber } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME } from "./script-runtime.ts";
import { median, percentile } from "./stats.ts";

const root = new URL("../", import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, root)));
const { values: { scale } } = parseScriptSettings({
  scale: setting({ flag: "--scale", default: 1, parse: positiveNumber, help: "multiplies every iteration count" }),
}, "usage: bench-decode.ts [--scale N]");

interface Stats {
  /** Fastest iteration: the closest to an uncontended run on a shared machine. */
  min: number;
  median: number;
  p95: number;
  mean: number;
  /** Process CPU time per iteration: less disturbed than wall time on a shared machine. */
  cpu: number;
}

/** Process CPU time (user + system) in ms, where the runtime offers `process.cpuUsage`. */
function cpuMs(): number {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : Number.NaN;
}

async function measure(iterations: number, run: () => Promise<unknown> | unknown): Promise<Stats> {
  // Generous warm-up: V8 tiers WASM up to optimised code in the background after a while.
  for (let i = 0; i < Math.max(50, iterations / 2); i++) await run();
  const times: number[] = [];
  const cpuStart = cpuMs();
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const cpu = (cpuMs() - cpuStart) / iterations;
  return { min: Math.min(...times), median: median(times), p95: percentile(times, 95), mean: times.reduce((s, t) => s + t, 0) / times.length, cpu };
}

/** Header read + decode, the way the engine does it. */
function headerAndDecode(decoder: ImageDecoder, bytes: Uint8Array) {
  return async () => {
    readImageHeader(bytes);
    return await decoder.decode(bytes);
  };
}

/** fast-png decode plus the conversion to packed RGB that EdgeVision needs (8-bit RGB(A) only). */
function fastPngToRgb(bytes: Uint8Array): Uint8Array {
  const png = fastPngDecode(bytes);
  const pixels = png.width * png.height;
  const rgb = new Uint8Array(pixels * 3);
  const channels = png.channels;
  for (let p = 0, s = 0, d = 0; p < pixels; p++, s += channels, d += 3) {
    rgb[d] = png.data[s]!;
    rgb[d + 1] = png.data[s + 1]!;
    rgb[d + 2] = png.data[s + 2]!;
  }
  return rgb;
}

const wasmDecoder = await createImageDecoder({ jpegWasm: read("node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm") });
const pureDecoder = await createImageDecoder();
const jpegs = [
  { label: "JPEG 240x180", path: "tests/fixtures/frame_240x180.jpg", iterations: 400 },
  { label: "JPEG 640x480", path: "tests/fixtures/frame_640x480.jpg", iterations: 100 },
  { label: "JPEG 300x400 progressive", path: "tests/fixtures/face_300x400.jpg", iterations: 100 },
];

const rows: string[][] = [];
const add = (image: string, decoder: string, r: Stats) =>
  rows.push([image, decoder, r.median.toFixed(3), r.p95.toFixed(3), r.mean.toFixed(3), r.min.toFixed(3), r.cpu.toFixed(3)]);

for (const { label, path, iterations } of jpegs) {
  const bytes = read(path);
  add(label, "header only", await measure(iterations * 5 * scale, () => readImageHeader(bytes)));
  add(label, "MozJPEG WASM", await measure(iterations * scale, headerAndDecode(wasmDecoder, bytes)));
  add(label, "jpeg-js", await measure(Math.ceil((iterations / 2) * scale), headerAndDecode(pureDecoder, bytes)));
}

// PNGs: a 640x480 RGB one (made in memory from the 640x480 JPEG) and the 204x272 RGBA fixture.
const frame = await wasmDecoder.decode(read("tests/fixtures/frame_640x480.jpg"));
const pngs = [
  { label: "PNG 640x480 RGB", bytes: fastPngEncode({ width: frame.width, height: frame.height, data: frame.data, channels: 3, depth: 8 }) },
  { label: "PNG 204x272 RGBA", bytes: read("tests/fixtures/empty_portrait_black.png") },
];
for (const { label, bytes } of pngs) {
  add(label, "EdgeVision PNG", await measure(50 * scale, headerAndDecode(pureDecoder, bytes)));
  add(label, "fast-png", await measure(50 * scale, () => fastPngToRgb(bytes)));
}

console.log(`# bench-decode on ${RUNTIME_NAME} (ms; header read + decode to packed RGB)`);
console.log("| image | decoder | median | p95 | mean | min | CPU/op |\n|---|---|---:|---:|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
