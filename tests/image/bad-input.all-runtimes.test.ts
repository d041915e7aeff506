import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createImageDecoder, decodeImage, type ImageDecodeErrorCode, readImageHeader } from "../../src/core/image/mod.ts";
import { crc32 } from "../../src/core/checksum/crc32.ts";
import { readFixture, readJpegWasm } from "./load-jpeg-wasm.ts";

const wasmDecoder = await createImageDecoder({ jpegWasm: readJpegWasm() });
const pureDecoder = await createImageDecoder();
const decoders = [wasmDecoder, pureDecoder];

/** Every decoder path must reject with ImageDecodeError of this code and a sentence-case message. */
async function assertRejects(bytes: Uint8Array, code: ImageDecodeErrorCode): Promise<void> {
  for (const decoder of decoders) {
    await assert.rejects(decoder.decode(bytes), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, "ImageDecodeError");
      assert.equal((error as { code?: string }).code, code, `${decoder.jpegDecoder}: ${error.message}`);
      assert.match(error.message, /^[A-Z]/);
      return true;
    });
  }
}

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function setUint32(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(offset, value);
}

/** A PNG with a valid IHDR claiming `width`x`height` and a tiny IDAT. */
function pngClaiming(width: number, height: number): Uint8Array {
  const png = readFixture("single_pixel.png").slice();
  setUint32(png, 16, width);
  setUint32(png, 20, height);
  setUint32(png, 29, crc32(png, 12, 29));
  return png;
}

/** A JPEG whose frame header claims `width`x`height`. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const jpeg = readFixture("frame_240x180.jpg").slice();
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) {
      new DataView(jpeg.buffer).setUint16(i + 5, height);
      new DataView(jpeg.buffer).setUint16(i + 7, width);
      return jpeg;
    }
  }
  throw new Error("fixture has no SOF0");
}

describe("bad input gives ImageDecodeError with the right code", () => {
  it("empty bytes → empty", async () => {
    await assertRejects(new Uint8Array(0), "empty");
    await assert.rejects(decodeImage(new Uint8Array(0)), { code: "empty" });
  });

  it("random bytes → unknown-format", async () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    random[0] = 0x13; // make sure it cannot start like a JPEG or PNG by chance
    await assertRejects(random, "unknown-format");
  });

  it("text → unknown-format", async () => {
    await assertRejects(ascii("<html><body>not an image</body></html>"), "unknown-format");
    await assertRejects(ascii("{\"image\": \"base64...\"}"), "unknown-format");
  });

  it("GIF, BMP and WebP headers → unknown-format naming the format", async () => {
    for (const [header, name] of [["GIF89a\x01\x00\x01\x00", "GIF"], ["BM\x3a\x00\x00\x00", "BMP"], ["RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP"]] as const) {
      await assertRejects(ascii(header), "unknown-format");
      await assert.rejects(decodeImage(ascii(header)), (error: Error) => error.message.includes(`"${name}"`));
    }
  });

  it("a JPEG truncated at many points → truncated (never a grey half-image)", async () => {
    for (const name of ["frame_240x180.jpg", "face_300x400.jpg", "Bruce_progressive.jpg"]) {
      const jpeg = readFixture(name);
      for (const cut of [1, 2, 3, 4, 20, 100, 400, 2000, Math.floor(jpeg.length / 2), jpeg.length - 100, jpeg.length - 2, jpeg.length - 1]) {
        await assertRejects(jpeg.subarray(0, cut), "truncated");
      }
    }
  });

  it("a JPEG with corrupt marker data → corrupt", async () => {
    const jpeg = readFixture("frame_240x180.jpg").slice();
    jpeg[4 + ((jpeg[4]! << 8) | jpeg[5]!)] = 0x00; // no marker where the second segment must start
    await assertRejects(jpeg, "corrupt");
    const badLength = readFixture("Bruce_progressive.jpg").slice();
    const sos = badLength.findIndex((v, i) => v === 0xff && badLength[i + 1] === 0xda);
    badLength.fill(0xa5, sos + 300, badLength.length - 2); // entropy data and later scan headers destroyed
    for (let i = sos + 300; i < badLength.length - 2; i += 97) badLength[i] = 0xff; // including bogus markers
    await assertRejects(badLength, "corrupt");
  });

  it("a progressive JPEG with hundreds of scans → corrupt, before decoding", async () => {
    const jpeg = readFixture("Bruce_progressive.jpg");
    let lastScan = jpeg.length - 2;
    while (!(jpeg[lastScan] === 0xff && jpeg[lastScan + 1] === 0xda)) lastScan--;
    const scan = jpeg.subarray(lastScan, jpeg.length - 2);
    const parts = [jpeg.subarray(0, jpeg.length - 2), ...Array.from({ length: 300 }, () => scan), Uint8Array.of(0xff, 0xd9)];
    const hostile = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (hostile.set(p, at), at + p.length), 0);
    await assertRejects(hostile, "corrupt");
    await assert.rejects(decodeImage(hostile), /more than 256 progressive scans/);
  });

  it("a JPEG with a zero dimension → corrupt", async () => {
    await assertRejects(jpegClaiming(0, 180), "corrupt");
  });

  it("a PNG truncated at many points → truncated", async () => {
    for (const name of ["empty_portrait_black.png", "testfile.png"]) {
      const png = readFixture(name);
      for (const cut of [1, 4, 8, 20, 33, 40, Math.floor(png.length / 2), png.length - 12, png.length - 1]) {
        await assertRejects(png.subarray(0, cut), "truncated");
      }
    }
  });

  it("a PNG with a wrong CRC → corrupt", async () => {
    const png = readFixture("empty_portrait_black.png").slice();
    png[png.length - 20] = png[png.length - 20]! ^ 0xff; // inside the last IDAT
    await assertRejects(png, "corrupt");
  });

  it("a PNG with damaged zlib data (CRC fixed up) → corrupt", async () => {
    const png = readFixture("empty_portrait_black.png").slice();
    const idat = png.findIndex((v, i) => String.fromCharCode(v, png[i + 1]!, png[i + 2]!, png[i + 3]!) === "IDAT");
    const length = new DataView(png.buffer).getUint32(idat - 4);
    png.fill(0xff, idat + 6, idat + 4 + length); // keep the zlib header, destroy the deflate blocks
    setUint32(png, idat + 4 + length, crc32(png, idat, idat + 4 + length));
    await assertRejects(png, "corrupt");
  });

  it("a PNG with a zero dimension → corrupt", async () => {
    await assertRejects(pngClaiming(0, 10), "corrupt");
  });

  it("a 100000x100000 header (decompression bomb) → too-large before any allocation", async () => {
    for (const bomb of [pngClaiming(100_000, 100_000), jpegClaiming(65_000, 65_000)]) {
      assert.ok(readImageHeader(bomb).width >= 65_000);
      await assertRejects(bomb, "too-large");
    }
    await assert.rejects(decodeImage(pngClaiming(100_000, 100_000)), { code: "too-large" });
  });

  it("the pixel limit is configurable per decoder and per call", async () => {
    const small = await createImageDecoder({ maxPixels: 240 * 180 - 1 });
    await assert.rejects(small.decode(readFixture("frame_240x180.jpg")), { code: "too-large" });
    assert.equal((await small.decode(readFixture("frame_240x180.jpg"), { maxPixels: 240 * 180 })).width, 240);
    await assert.rejects(decodeImage(readFixture("testfile.png"), { maxPixels: 199 }), { code: "too-large" });
  });

  it("a pixel limit that is not a positive number is a RangeError, not a silently disabled check", async () => {
    await assert.rejects(createImageDecoder({ maxPixels: 0 }), RangeError);
    await assert.rejects(decodeImage(readFixture("testfile.png"), { maxPixels: Number.NaN }), RangeError);
    await assert.rejects(pureDecoder.decode(readFixture("testfile.png"), { maxPixels: -1 }), RangeError);
  });

  it("a zlib bomb inside a small PNG → corrupt, without inflating it all", async () => {
    // IHDR says 1x1 RGBA (5 bytes of scanline), but IDAT inflates to 8 MB of zeros.
    const { zlibSync } = await import("fflate");
    const idatData = zlibSync(new Uint8Array(8 << 20), { level: 9 });
    const head = readFixture("single_pixel.png").subarray(0, 33);
    const chunk = new Uint8Array(12 + idatData.length);
    setUint32(chunk, 0, idatData.length);
    chunk.set(ascii("IDAT"), 4);
    chunk.set(idatData, 8);
    setUint32(chunk, 8 + idatData.length, crc32(chunk, 4, 8 + idatData.length));
    const iend = Uint8Array.of(0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82);
    const png = new Uint8Array([...head, ...chunk, ...iend]);
    await assertRejects(png, "corrupt");
  });

  it("the WASM decoder keeps working after bad input", async () => {
    const good = readFixture("frame_240x180.jpg");
    const before = await wasmDecoder.decode(good);
    const corrupt = good.slice();
    corrupt.fill(0x11, 600, corrupt.length - 2);
    for (let i = 600; i < corrupt.length - 2; i += 50) corrupt[i] = 0xff;
    for (let round = 0; round < 3; round++) await decodeOrIgnore(corrupt);
    assert.deepEqual(await wasmDecoder.decode(good), before);
  });
});

async function decodeOrIgnore(bytes: Uint8Array): Promise<void> {
  try {
    await wasmDecoder.decode(bytes);
  } catch (error) {
    assert.equal((error as Error).name, "ImageDecodeError");
  }
}
