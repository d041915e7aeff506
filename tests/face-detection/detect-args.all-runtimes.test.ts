import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseDetectArgs, UsageError } from "../../src/cli/detect-args.ts";

describe("parseDetectArgs", () => {
  it("reads the image and the options, in any order and in --name=value form", () => {
    assert.deepEqual(parseDetectArgs(["photo.jpg"]), { imagePath: "photo.jpg" });
    assert.deepEqual(parseDetectArgs(["--model", "full", "photo.jpg", "--max-pixels", "1000"]), { imagePath: "photo.jpg", model: "full", maxPixels: 1000 });
    assert.deepEqual(parseDetectArgs(["--model=short", "-"]), { imagePath: "-", model: "short" });
    assert.equal(parseDetectArgs(["--help"]), "help");
    assert.equal(parseDetectArgs(["-h", "x.jpg"]), "help");
  });

  it("refuses unknown options, bad values, a missing or second image", () => {
    const bad: [string[], RegExp][] = [
      [[], /Missing the IMAGE argument/],
      [["--model", "large", "a.jpg"], /--model must be "short" or "full", got "large"/],
      [["--max-pixels", "0", "a.jpg"], /positive integer, got "0"/],
      [["--max-pixels", "1e6", "a.jpg"], /positive integer, got "1e6"/],
      [["--model"], /Option "--model" needs a value/],
      [["--fast", "a.jpg"], /Unknown option "--fast"/],
      [["a.jpg", "b.jpg"], /Only one image can be given, got "a.jpg" and "b.jpg"/],
    ];
    for (const [args, message] of bad) assert.throws(() => parseDetectArgs(args), (e: unknown) => e instanceof UsageError && message.test(e.message), args.join(" "));
  });
});
