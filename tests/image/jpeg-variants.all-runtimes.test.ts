import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createImageDecoder, type DecodedImage } from "../../src/core/image/mod.ts";
import { readFixture, readJpegWasm } from "./load-jpeg-wasm.ts";

// tests/fixtures/jpeg/*.jpg are Bruce.jpg re-encoded (ImageMagick `convert`, libjpeg-turbo
// `cjpeg`/`jpegtran`): grey, CMYK, 4:4:4 and 4:2:2 chroma, restart markers, progressive with
// restarts, and arithmetic coding (which neither decoder supports).
const wasmDecoder = await createImageDecoder({ jpegWasm: readJpegWasm() });
const pureDecoder = await createImageDecoder();
const original = await wasmDecoder.decode(readFixture("Bruce.jpg"));

function meanAbsDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function assertLooksLikeOriginal(image: DecodedImage, tolerance: number): void {
  assert.equal(image.width, 204);
  assert.equal(image.height, 272);
  assert.equal(image.data.length, 204 * 272 * 3);
  const difference = meanAbsDifference(image.data, original.data);
  assert.ok(difference < tolerance, `mean difference ${difference.toFixed(2)} ≥ ${tolerance}`);
}

describe("JPEG variants", () => {
  for (const name of ["subsampling-444", "subsampling-422", "restart-markers", "progressive-restart"]) {
    it(`${name}.jpg decodes to (nearly) the original pixels with both decoders`, async () => {
      for (const decoder of [wasmDecoder, pureDecoder]) assertLooksLikeOriginal(await decoder.decode(readFixture(`jpeg/${name}.jpg`)), 4);
    });
  }

  for (const name of ["grey", "grey-progressive"]) {
    it(`${name}.jpg decodes to RGB with R = G = B`, async () => {
      for (const decoder of [wasmDecoder, pureDecoder]) {
        const image = await decoder.decode(readFixture(`jpeg/${name}.jpg`));
        assert.equal(image.data.length, 204 * 272 * 3);
        for (let i = 0; i < image.data.length; i += 3) {
          assert.ok(image.data[i] === image.data[i + 1] && image.data[i] === image.data[i + 2], `pixel ${i / 3}`);
        }
      }
    });
  }

  it("cmyk.jpg decodes (through jpeg-js, also when WASM is injected) to colours near the original", async () => {
    for (const decoder of [wasmDecoder, pureDecoder]) assertLooksLikeOriginal(await decoder.decode(readFixture("jpeg/cmyk.jpg")), 8);
  });

  it("arithmetic.jpg is refused with unknown-format and a clear message", async () => {
    for (const decoder of [wasmDecoder, pureDecoder]) {
      await assert.rejects(decoder.decode(readFixture("jpeg/arithmetic.jpg")), {
        name: "ImageDecodeError",
        code: "unknown-format",
        message: 'JPEG variant "arithmetic-coded" is not supported; send a baseline or progressive JPEG',
      });
    }
  });
});
