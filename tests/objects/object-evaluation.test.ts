// The objects/pose evaluation's claims, on the real models and the labelled images
// (tests/fixtures/object-labels.json; the darknet photos come from Debian's darknet package,
// which .ci/run installs). The F1 floors are the scores scripts/eval-objects.ts measured for the
// defaults (rounded down): a change that makes the default detector worse on this set fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createImageDecoder, type DecodedImage } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { createObjectDetector, type ObjectDetector } from "../../src/core/tasks/objects/mod.ts";
import { createPoseEstimator, type PoseEstimator } from "../../src/core/tasks/pose/mod.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../../src/runtime/model-store.ts";
import { labelledImagePath, readObjectLabels } from "../../scripts/eval/object-labels.ts";
import { type ImageDetections, scoreClasses } from "../../scripts/eval/object-scores.ts";
import { POSE_BODY_COUNTS, sanePeople } from "../../scripts/eval/pose-counts.ts";
import { DARKNET_PHOTOS, skipUnlessPresent } from "../system-components.ts";

const root = new URL("../..", import.meta.url).pathname;

/** People the default MultiPose (128 × 160) found per body image when the evaluation was made. */
const PEOPLE_FOUND_AT_DEFAULT = [5, 1, 1, 3, 3, 3, 3, 1, 3];

describe("objects evaluation (default NanoDet-g 160 × 224, per-class thresholds)", { skip: skipUnlessPresent(DARKNET_PHOTOS) }, () => {
  let detector: ObjectDetector;
  let runs: ImageDetections[];
  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    const decoder = await createImageDecoder({ jpegWasm: await readJpegWasm() });
    detector = await createObjectDetector({ readModelFile: createModelStore() });
    runs = [];
    for (const label of readObjectLabels(root)) {
      const image = await decoder.decode(new Uint8Array(readFileSync(labelledImagePath(label, root))));
      runs.push({ label, objects: await detector.detect(image) });
    }
  });
  after(() => detector.dispose());

  it("reaches class-level F1 0.9 over all 14 labelled images (thresholds were calibrated on 7 of them)", () => {
    const { f1, precision, recall, mistakes } = scoreClasses(runs);
    assert.ok(f1 >= 0.9, `F1 ${f1.toFixed(3)} (P ${precision.toFixed(2)}, R ${recall.toFixed(2)}); mistakes ${JSON.stringify(mistakes)}`);
  });

  it("keeps class-level F1 0.75 on the 7 held-out images", () => {
    const { f1, mistakes } = scoreClasses(runs.filter((r) => r.label.split === "held-out"));
    assert.ok(f1 >= 0.75, `held-out F1 ${f1.toFixed(3)}; mistakes ${JSON.stringify(mistakes)}`);
  });

  it("answers objects_001.jpg with the reference's four classes and nothing else", () => {
    const run = runs.find((r) => r.label.file === "objects_001.jpg");
    assert.deepEqual([...new Set(run?.objects.map((o) => o.className))].sort(), ["bicycle", "chair", "laptop", "sports ball"]);
  });
});

describe("pose evaluation (default MultiPose 128 × 160)", () => {
  let estimator: PoseEstimator;
  let images: DecodedImage[];
  before(async () => {
    await initWasmBackend({ wasmDirectory: WASM_DIRECTORY });
    const decoder = await createImageDecoder({ jpegWasm: await readJpegWasm() });
    estimator = await createPoseEstimator({ readModelFile: createModelStore() });
    images = [];
    for (const [file] of POSE_BODY_COUNTS) images.push(await decoder.decode(new Uint8Array(readFileSync(`${root}/tests/fixtures/${file}`))));
  });
  after(() => estimator.dispose());

  it("finds as many people as when the evaluation was made, never more than counted by eye, all with sane keypoints", async () => {
    for (const [i, [file, byEye]] of POSE_BODY_COUNTS.entries()) {
      const image = images[i] as DecodedImage;
      const people = await estimator.estimate(image);
      assert.ok(people.length >= (PEOPLE_FOUND_AT_DEFAULT[i] as number) && people.length <= byEye, `${file}: ${people.length} people (found ${PEOPLE_FOUND_AT_DEFAULT[i]} before, ${byEye} by eye)`);
      assert.equal(sanePeople(people, image.width, image.height), people.length, `${file}: every person has ≥ 5 keypoints inside the image`);
    }
  });
});
