import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseDetectArgs, UsageError } from "../../src/cli/detect-args.ts";

describe("parseDetectArgs", () => {
  it("reads the image and the options, in any order and in --name=value form", () => {
    assert.deepEqual(parseDetectArgs(["photo.jpg"]), { imagePath: "photo.jpg", faceModel: "short", maxPixels: 40_000_000 });
    assert.deepEqual(parseDetectArgs(["--face-model", "full", "photo.jpg", "--max-pixels", "1000"]), { imagePath: "photo.jpg", faceModel: "full", maxPixels: 1000 });
    assert.deepEqual(parseDetectArgs(["--model=full", "-"]), { imagePath: "-", faceModel: "full", maxPixels: 40_000_000 }, "--model: the old name still works");
    assert.equal(parseDetectArgs(["--help"]), "help");
    assert.equal(parseDetectArgs(["-h", "x.jpg"]), "help");
  });

  it("refuses unknown options, bad values, a missing or second image", () => {
    const bad: [string[], RegExp][] = [
      [[], /Missing the IMAGE argument/],
      [["--model", "large", "a.jpg"], /--model must be "short" or "full", got "large"/],
      [["--face-model", "large", "a.jpg"], /--face-model must be "short" or "full", got "large"/],
      [["--max-pixels", "0", "a.jpg"], /--max-pixels must be an integer ≥ 1, got "0"/],
      [["--max-pixels", "1e6", "a.jpg"], /--max-pixels must be an integer ≥ 1, got "1e6"/],
      [["--model"], /Option "--model" needs a value/],
      [["--fast", "a.jpg"], /Unknown option "--fast"/],
      [["a.jpg", "b.jpg"], /Only one image can be given, got "a.jpg" and "b.jpg"/],
    ];
    for (const [args, message] of bad) assert.throws(() => parseDetectArgs(args), (e: unknown) => e instanceof UsageError && message.test(e.message), args.join(" "));
  });
});
