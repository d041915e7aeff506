import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createImageDecoder, type ImageDecoder } from "../../src/core/image/mod.ts";
import { readFixture, readJpegWasm } from "./load-jpeg-wasm.ts";

// Deterministic mutation fuzzing: damaged files must either decode to a well-formed image or
// throw ImageDecodeError — never another error, a crash or a hang — and the WASM decoder must
// keep decoding good files afterwards.
const wasmDecoder = await createImageDecoder({ jpegWasm: readJpegWasm() });
const pureDecoder = await createImageDecoder();

function* mutations(original: Uint8Array, count: number, seed: number): Generator<Uint8Array> {
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0);
  for (let m = 0; m < count; m++) {
    const bytes = original.slice();
    const edits = 1 + (next() % 8);
    for (let e = 0; e < edits; e++) {
      const at = next() % bytes.length;
      const kind = next() % 3;
      bytes[at] = kind === 0 ? next() & 0xff : kind === 1 ? bytes[at]! ^ (1 << (next() % 8)) : 0xff;
    }
    yield bytes;
  }
}

async function assertDecodesOrRefuses(decoder: ImageDecoder, bytes: Uint8Array): Promise<"decoded" | "refused"> {
  try {
    const image = await decoder.decode(bytes);
    assert.equal(image.data.length, image.width * image.height * 3);
    return "decoded";
  } catch (error) {
    assert.equal((error as Error).name, "ImageDecodeError", String(error));
    assert.ok(["empty", "unknown-format", "truncated", "corrupt", "too-large"].includes((error as { code: string }).code));
    return "refused";
  }
}

describe("mutated files decode or throw ImageDecodeError", () => {
  for (const name of ["frame_240x180.jpg", "Bruce_progressive.jpg", "empty_portrait_black.png", "png/palette-4-adam7.png", "png/rgba-16.png"]) {
    it(name, async () => {
      const original = readFixture(name);
      const expected = await wasmDecoder.decode(original);
      const outcomes = { decoded: 0, refused: 0 };
      for (const bytes of mutations(original, 40, name.length)) {
        for (const decoder of [wasmDecoder, pureDecoder]) outcomes[await assertDecodesOrRefuses(decoder, bytes)]++;
      }
      assert.ok(outcomes.refused > 0, JSON.stringify(outcomes));
      assert.deepEqual(await wasmDecoder.decode(original), expected);
    });
  }
});
