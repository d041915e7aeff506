import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createImageDecoder, decodeImage, readImageHeader } from "../../src/core/image/mod.ts";
import { FIXTURES, readFixture, readJpegWasm } from "./load-jpeg-wasm.ts";

// Sizes as reported by `file(1)` / ImageMagick `identify`, not by our own header reader.
const EXPECTED_SIZES: Record<string, [number, number]> = {
  "6_bodies.jpg": [270, 210],
  "Bruce.jpg": [204, 272],
  "HollyGolfPose.jpg": [180, 240],
  "Wonho.jpg": [204, 272],
  "empty_portrait_black.png": [204, 272],
  "face_300x400.jpg": [300, 400],
  "face_bruce_x_jan.jpg": [180, 240],
  "face_triple.jpg": [204, 272],
  "laptop_person.jpeg": [180, 240],
  "objects_001.jpg": [180, 240],
  "objects_002.jpg": [180, 240],
  "objects_003.jpg": [180, 240],
  "single_pixel.png": [1, 1],
  "testfile.png": [10, 20],
  "frame_240x180.jpg": [240, 180],
  "frame_640x480.jpg": [640, 480],
  "Bruce_progressive.jpg": [204, 272],
};

const imageFiles = readdirSync(FIXTURES).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort();

function meanAbsDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

// Created at module level (not inside describe): Deno's node:test only registers tests that a
// synchronous describe body declares.
const wasmDecoder = await createImageDecoder({ jpegWasm: readJpegWasm() });
const pureDecoder = await createImageDecoder();

describe("decoding every fixture image", () => {
  it("covers every image in tests/fixtures", () => {
    assert.deepEqual(imageFiles.filter((name) => !(name in EXPECTED_SIZES)), []);
    assert.ok(imageFiles.length >= 17);
  });

  it("uses the WASM decoder when WASM is injected and jpeg-js otherwise", () => {
    assert.equal(wasmDecoder.jpegDecoder, "wasm");
    assert.equal(pureDecoder.jpegDecoder, "pure-js");
  });

  for (const name of imageFiles) {
    it(`${name}: header and both decoders give the expected size; decoders agree`, async () => {
      const bytes = readFixture(name);
      const [width, height] = EXPECTED_SIZES[name]!;
      const header = readImageHeader(bytes);
      assert.deepEqual(header, { format: name.endsWith(".png") ? "png" : "jpeg", width, height });
      const fast = await wasmDecoder.decode(bytes);
      const pure = await decodeImage(bytes);
      for (const image of [fast, pure]) {
        assert.equal(image.width, width);
        assert.equal(image.height, height);
        assert.equal(image.data.length, width * height * 3);
      }
      // MozJPEG and jpeg-js upsample chroma differently; on average they must be near-identical.
      assert.ok(meanAbsDifference(fast.data, pure.data) < 2, `mean difference ${meanAbsDifference(fast.data, pure.data)}`);
    });
  }

  it("decodes a progressive JPEG to exactly the pixels of its baseline original", async () => {
    // Bruce_progressive.jpg is `jpegtran -progressive Bruce.jpg`: same DCT coefficients.
    for (const decoder of [wasmDecoder, pureDecoder]) {
      const progressive = await decoder.decode(readFixture("Bruce_progressive.jpg"));
      const baseline = await decoder.decode(readFixture("Bruce.jpg"));
      assert.deepEqual(progressive, baseline);
    }
  });

  it("decodes known pixel values: a black PNG, a 1-bit PNG", async () => {
    const black = await decodeImage(readFixture("empty_portrait_black.png"));
    assert.ok(black.data.every((v) => v === 0));
    const bits = await decodeImage(readFixture("testfile.png"));
    assert.ok(bits.data.every((v) => v === 0 || v === 255));
  });

  it("tolerates trailing bytes after the JPEG end-of-image marker and after the PNG IEND chunk", async () => {
    for (const name of ["frame_240x180.jpg", "testfile.png"]) {
      const bytes = readFixture(name);
      const padded = new Uint8Array(bytes.length + 1000);
      padded.set(bytes);
      for (let i = bytes.length; i < padded.length; i++) padded[i] = (i * 131) & 0xff;
      for (const decoder of [wasmDecoder, pureDecoder]) assert.deepEqual(await decoder.decode(padded), await decoder.decode(bytes));
    }
  });

  it("two decoder instances coexist and give identical results", async () => {
    const other = await createImageDecoder({ jpegWasm: readJpegWasm(), maxPixels: 1000 });
    const bytes = readFixture("Bruce.jpg");
    await assert.rejects(other.decode(bytes), { name: "ImageDecodeError", code: "too-large" });
    const a = await wasmDecoder.decode(bytes);
    const b = await other.decode(bytes, { maxPixels: 100_000 });
    assert.deepEqual(a.data, b.data);
  });
});
