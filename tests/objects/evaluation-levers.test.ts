// The post-processing levers scripts/eval-objects.ts scores (scripts/eval/): the mirrored run and
// merging runs, cross-class suppression, and the cross-validated choice among rules — on NanoDet-g's
// real detections of objects_001.jpg (measured values in the comments), plus the pure geometry.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createImageDecoder, type DecodedImage } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { createObjectDetector, type DetectedObject, intersectionOverUnion, type ObjectDetector } from "../../src/core/tasks/objects/mod.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";
import type { ScoredRun } from "../../scripts/eval/calibrate-thresholds.ts";
import { suppressAcrossClasses } from "../../scripts/eval/cross-class-suppression.ts";
import { crossValidateChoice } from "../../scripts/eval/cross-validate-rules.ts";
import { thresholdRule } from "../../scripts/eval/lever-rules.ts";
import { mergeViews, mirrorImage, unmirrorObjects } from "../../scripts/eval/merged-views.ts";
import type { LabelledImage } from "../../scripts/eval/object-labels.ts";

const names = (objects: readonly { className: string }[]) => objects.map((o) => o.className).sort();

describe("evaluation levers on NanoDet-g's detections of objects_001.jpg", () => {
  let detector: ObjectDetector;
  let image: DecodedImage;
  let plain: DetectedObject[];
  let mirrored: DetectedObject[];
  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    const decoder = await createImageDecoder({ jpegWasm: await readJpegWasm() });
    image = await decoder.decode(new Uint8Array(readFileSync(new URL("../fixtures/objects_001.jpg", import.meta.url))));
    detector = await createObjectDetector({ readModelFile: createModelStore() });
    plain = await detector.detect(image);
    mirrored = unmirrorObjects(await detector.detect(mirrorImage(image)), image.width);
  });
  after(() => detector.dispose());

  it("mirroring twice gives the image back", () => {
    assert.deepEqual(mirrorImage(mirrorImage(image)).data, image.data);
  });

  it("the mirrored run, mapped back, puts the orange frisbee and the green ball where the plain run does", () => {
    assert.equal(plain.filter((o) => o.className === "orange").length, 1);
    // The frisbee's orange (0.53) and the ball's apple (0.45); the frisbee's apple (0.42) scores below 0.4 mirrored.
    const ballApple = plain.filter((o) => o.className === "apple").sort((a, b) => b.score - a.score)[0];
    for (const object of [...plain.filter((o) => o.className === "orange"), ...(ballApple === undefined ? [] : [ballApple])]) {
      const best = Math.max(...mirrored.filter((m) => m.className === object.className).map((m) => intersectionOverUnion(m.rect, object.rect)));
      assert.ok(best >= 0.8, `${object.className} [${object.rect}]: best mirrored IoU ${best.toFixed(2)}`);
    }
  });

  it("merging the two runs adds the laptop the mirrored run scores above 0.4 and keeps no same-class overlap above the NMS limit", () => {
    // Measured: plain apple 0.45, apple 0.42, orange 0.53, tvmonitor 0.41; mirrored adds laptop 0.44, tvmonitor 0.48.
    const merged = mergeViews([plain, mirrored], 0.4);
    assert.ok(names(merged).includes("laptop"), JSON.stringify(merged));
    for (const [i, a] of merged.entries()) {
      for (const b of merged.slice(i + 1)) if (a.className === b.className) assert.ok(intersectionOverUnion(a.rect, b.rect) <= 0.4, `${a.className} twice`);
    }
  });

  it("cross-class suppression drops the apple on the frisbee under the higher orange, nothing else", () => {
    assert.deepEqual(names(plain), ["apple", "apple", "orange", "tvmonitor"]);
    const kept = suppressAcrossClasses(plain, 0.5, "all classes");
    assert.deepEqual(names(kept), ["apple", "orange", "tvmonitor"]);
    assert.ok(kept.find((o) => o.className === "apple")?.score === Math.max(...plain.filter((o) => o.className === "apple").map((o) => o.score)), "the ball's apple stays");
    assert.deepEqual(names(suppressAcrossClasses(plain, 0.5, "same super-category")), ["apple", "orange", "tvmonitor"]);
    assert.deepEqual(suppressAcrossClasses(plain, 1.01, "all classes"), plain);
  });
});

describe("crossValidateChoice", () => {
  const label = (file: string, expected: string[], group?: string): LabelledImage =>
    ({ file, where: "fixtures", split: "calibration", expected, allowed: [], source: "", licence: "", labelledBy: "", ...(group === undefined ? {} : { group }) }) as LabelledImage;
  const run = (file: string, expected: string[], objects: [string, number][], group?: string): ScoredRun =>
    ({ label: label(file, expected, group), objects: objects.map(([className, score]) => ({ className, score, rect: [0, 0, 1, 1] })) });

  it("scores each group with the rule chosen on the other groups", () => {
    // Two images of one scene want a high threshold (a false cat at 0.5); three single images a low one.
    const runs = [
      run("a", ["dog"], [["dog", 0.6], ["cat", 0.5]], "scene"),
      run("b", ["dog"], [["dog", 0.6], ["cat", 0.5]], "scene"),
      run("c", ["dog"], [["dog", 0.3]]),
      run("d", ["bird"], [["bird", 0.3]]),
      run("e", ["horse"], [["horse", 0.3]]),
    ];
    const rules = [thresholdRule(0.2), thresholdRule(0.55)];
    const { scores, chosen } = crossValidateChoice([{ name: "one", runs }], rules);
    // Left out, the scene is scored at 0.2 (its cats count false); each single image at 0.2 too.
    assert.deepEqual(scores.total, { truePositives: 5, falsePositives: 2, falseNegatives: 0 });
    assert.deepEqual([...chosen], [["≥ 0.2", 4]]);
  });

  it("chooses among variants too, the first on ties", () => {
    const good = [run("a", ["dog"], [["dog", 0.6]]), run("b", ["cat"], [["cat", 0.6]])];
    const bad = [run("a", ["dog"], [["cat", 0.6]]), run("b", ["cat"], [["dog", 0.6]])];
    const { scores, chosen } = crossValidateChoice([{ name: "bad", runs: bad }, { name: "good", runs: good }], [thresholdRule(0.5)]);
    assert.equal(scores.f1, 1);
    assert.deepEqual([...chosen], [["good @ ≥ 0.5", 2]]);
  });
});
