import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createImageDecoder } from "../../src/core/image/mod.ts";
import { FIXTURES, readFixture, readJpegWasm } from "./load-jpeg-wasm.ts";

// tests/fixtures/bad/<code>--<description>.<ext>: each must fail with exactly <code>.
const decoders = [await createImageDecoder({ jpegWasm: readJpegWasm() }), await createImageDecoder()];
const files = readdirSync(new URL("bad/", FIXTURES)).filter((name) => name.includes("--")).sort();

describe("tests/fixtures/bad files give their ImageDecodeError code", () => {
  it("has a file for every code", () => {
    const codes = new Set(files.map((name) => name.split("--")[0]));
    assert.deepEqual([...codes].sort(), ["corrupt", "empty", "too-large", "truncated", "unknown-format"]);
  });

  for (const name of files) {
    it(name, async () => {
      const code = name.split("--")[0];
      for (const decoder of decoders) {
        await assert.rejects(decoder.decode(readFixture(`bad/${name}`)), (error: Error & { code?: string }) => {
          assert.equal(error.name, "ImageDecodeError");
          assert.equal(error.code, code, error.message);
          return true;
        });
      }
    });
  }
});
