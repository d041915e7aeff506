import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { decodeImage } from "../../src/core/image/mod.ts";
import { readPngHeader } from "../../src/core/image/png-header.ts";
import { FIXTURES, readFixture } from "./load-jpeg-wasm.ts";

// tests/fixtures/png/ comes from scripts/generate-png-fixtures.ts: each <variant>.png has a
// <variant>.rgb with the expected packed RGB, which ImageMagick was checked to reproduce.
const COLOR_TYPES: Record<string, number> = { grey: 0, rgb: 2, palette: 3, "grey-alpha": 4, rgba: 6 };
const variants = readdirSync(new URL("png/", FIXTURES)).filter((name) => name.endsWith(".png")).map((name) => name.slice(0, -4)).sort();

/** What the file name promises: kind, depth, tRNS, Adam7 and size. */
function parseVariant(name: string) {
  const match = name.match(/^(grey-alpha|grey|rgba|rgb|palette)-(\d+)(-trns)?(-adam7)?(?:-(\d+)x(\d+))?$/);
  assert.ok(match, `unexpected fixture name "${name}"`);
  return {
    colorType: COLOR_TYPES[match[1]!]!,
    bitDepth: Number(match[2]),
    interlaced: match[4] !== undefined,
    width: Number(match[5] ?? 13),
    height: Number(match[6] ?? 11),
  };
}

describe("PNG variants decode to the expected pixels", () => {
  it("covers every colour type, bit depth and interlacing", () => {
    const covered = new Set(variants.map((name) => {
      const v = parseVariant(name);
      return `${v.colorType}/${v.bitDepth}/${v.interlaced}`;
    }));
    const required = [[0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8], [4, 8], [4, 16], [6, 8], [6, 16]];
    for (const [colorType, depth] of required) {
      for (const interlaced of [false, true]) assert.ok(covered.has(`${colorType}/${depth}/${interlaced}`), `${colorType}/${depth}/${interlaced}`);
    }
    assert.ok(variants.some((name) => name.startsWith("palette-8-trns")));
  });

  for (const name of variants) {
    it(name, async () => {
      const bytes = readFixture(`png/${name}.png`);
      const expected = readFixture(`png/${name}.rgb`);
      const promised = parseVariant(name);
      const header = readPngHeader(bytes);
      assert.deepEqual(
        { colorType: header.colorType, bitDepth: header.bitDepth, interlaced: header.interlaced, width: header.width, height: header.height },
        promised,
      );
      const image = await decodeImage(bytes);
      assert.equal(image.width, promised.width);
      assert.equal(image.height, promised.height);
      assert.deepEqual(image.data, expected);
    });
  }
});
