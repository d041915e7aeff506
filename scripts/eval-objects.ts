// Objects and pose evaluation on labelled images (tests/fixtures/object-labels.json: the
// reference's photos, a few public-domain/CC0 photos, and the sample photos of the Debian packages
// darknet and opencv-doc, read from the installed packages). Objects: per-class and class-level
// precision / recall / F1, IoU of labelled boxes and surplus boxes, per input size, with one
// uniform threshold (the default 0.4; 0.3 as before #14; the one chosen on the calibration split,
// and per fold of leave-one-group-out cross-validation) and with per-class thresholds (the opt-in
// table; thresholds calibrated on the calibration split, scored on the held-out split; thresholds
// calibrated on all images, scored by leave-one-group-out cross-validation), the per-class ones
// without and with the cap on low-score boxes per class. Pose: people found against counts made by eye, keypoint sanity. Speed: the
// configurations interleaved on a 240x180 camera frame, one WASM thread, median / p90 / p99 of
// wall time and of process CPU time (steadier on a shared machine).
//   npx tsx scripts/eval-objects.ts [--objects 160x224,320x416] [--pose 128x160,96x128]
//                                   [--iterations 30] [--per-class] [--calibrate]
// Needs `apt-get install darknet opencv-doc` (or EDGEVISION_DARKNET_DATA / EDGEVISION_OPENCV_DATA).
import { readFileSync } from "node:fs";
import { createImageDecoder, type DecodedImage } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { CALIBRATED_REST_MIN_SCORE, calibratedClassMinScores, createObjectDetector, DEFAULT_OBJECT_DETECTOR_CONFIG, type ObjectDetector } from "../src/core/tasks/objects/mod.ts";
import { createPoseEstimator, DEFAULT_POSE_ESTIMATOR_CONFIG, type PoseEstimator } from "../src/core/tasks/pose/mod.ts";
import { applyThresholds, calibrateThresholds, chooseUniformThreshold, leaveOneGroupOutF1, type ScoredRun } from "./eval/calibrate-thresholds.ts";
import { DEFAULT_PHOTO_DIRECTORIES, labelledImagePath, packagedPhotosInstalled, type PhotoDirectories, readObjectLabels } from "./eval/object-labels.ts";
import { capLowScoreBoxes, labelledBoxIous, scoreClasses, surplusBoxes } from "./eval/object-scores.ts";
import { POSE_BODY_COUNTS, sanePeople } from "./eval/pose-counts.ts";
import { inputSize } from "../src/core/settings/parsers.ts";
import { setting, switchSetting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME, runtimeModelStore } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";

/** A list of network input sizes, `HxW,HxW`. */
const sizeList = (text: string, name: string): [number, number][] => text.split(",").map((size) => inputSize(size, name));
const { values: options } = parseScriptSettings({
  objectSizes: setting<[number, number][]>({ flag: "--objects", default: [[160, 224], [320, 416]], defaultText: "160x224,320x416", parse: sizeList, help: "object detector input sizes, comma-separated" }),
  poseSizes: setting<[number, number][]>({ flag: "--pose", default: [[128, 160], [96, 128]], defaultText: "128x160,96x128", parse: sizeList, help: "pose estimator input sizes, comma-separated" }),
  iterations: SCRIPT_SETTINGS.iterations(30),
  perClass: switchSetting("--per-class", "print the per-class table"),
  calibrate: switchSetting("--calibrate", "print the per-class thresholds calibrated on the calibration split and on all images"),
}, "usage: eval-objects.ts [options] (needs apt-get install darknet opencv-doc)");
const { objectSizes, poseSizes, iterations, perClass, calibrate } = options;
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const directories: PhotoDirectories = {
  darknet: env.EDGEVISION_DARKNET_DATA ?? DEFAULT_PHOTO_DIRECTORIES.darknet,
  opencv: env.EDGEVISION_OPENCV_DATA ?? DEFAULT_PHOTO_DIRECTORIES.opencv,
};
if (!packagedPhotosInstalled(directories)) throw new Error(`Sample photos missing from "${directories.darknet}" or "${directories.opencv}": apt-get install darknet opencv-doc`);

const store = await runtimeModelStore();
await initWasmBackend({ wasmDirectory: store.WASM_DIRECTORY });
const decoder = await createImageDecoder({ jpegWasm: await store.readJpegWasm() });
const decodeFile = async (path: string) => decoder.decode(new Uint8Array(readFileSync(path)));
const labels = readObjectLabels();
const images = await Promise.all(labels.map((label) => decodeFile(labelledImagePath(label, ".", directories))));
const frame = await decodeFile("tests/fixtures/frame_240x180.jpg");
const pct = (v: number) => v.toFixed(2);
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
const DEFAULT_MIN_SCORE = DEFAULT_OBJECT_DETECTOR_CONFIG.minScore;
/** Per-class thresholds start from, and leave the other classes at, the opt-in table's rest threshold. */
const REST = CALIBRATED_REST_MIN_SCORE;

console.log(`# ${RUNTIME_NAME}, tfjs-wasm 1 thread; ${labels.length} labelled images (${labels.filter((l) => l.split === "held-out").length} held out)`);
console.log("\n## Objects (NanoDet-g), class-level scores\n");
console.log(`| input | thresholds | precision | recall | F1, all ${labels.length} | F1, ${labels.filter((l) => l.split === "held-out").length} held-out | F1, leave-one-group-out | labelled-box IoU (mean) | surplus boxes |`);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const detectors: [string, ObjectDetector][] = [];
const notes: string[] = [];
for (const size of objectSizes) {
  // Everything at 0.1 once; each threshold rule then filters (greedy NMS keeps the same boxes).
  const detector = await createObjectDetector({ readModelFile: store.createModelStore() }, { inputSize: size, minScore: 0.1, classMinScores: {}, maxLowScoreBoxesPerClass: 100 });
  await detector.warmUp();
  detectors.push([size.join("x"), detector]);
  const runs: ScoredRun[] = [];
  for (const [i, label] of labels.entries()) runs.push({ label, objects: await detector.detect(images[i] as DecodedImage) });
  const calibration = runs.filter((r) => r.label.split === "calibration");
  const heldOut = runs.filter((r) => r.label.split === "held-out");
  const onSplit = calibrateThresholds(calibration, REST);
  const onAll = calibrateThresholds(runs, REST);
  const uniformOnSplit = chooseUniformThreshold(calibration);
  const uniformCv = () => pct(leaveOneGroupOutF1(runs, REST, (train) => ({ thresholds: {}, fallback: chooseUniformThreshold(train) })).f1);
  const rules: [string, Readonly<Record<string, number>>, number, (() => string) | undefined][] = [
    [`uniform ${DEFAULT_MIN_SCORE} (default)`, {}, DEFAULT_MIN_SCORE, undefined],
    [`uniform ${REST} (before #14)`, {}, REST, undefined],
    [`uniform ${uniformOnSplit} (chosen on the calibration split; cross-validated: chosen per fold)`, {}, uniformOnSplit, uniformCv],
    ["shipped per-class table (--objects-class-thresholds calibrated)", calibratedClassMinScores(size), REST, undefined],
    ["per class, calibrated on the calibration split", onSplit, REST, undefined],
    ["per class, calibrated on all images (cross-validated: per fold)", onAll, REST, () => pct(leaveOneGroupOutF1(runs, REST).f1)],
  ];
  for (const [name, thresholds, fallback, crossValidate] of rules) {
    const perClassRule = Object.keys(thresholds).length > 0;
    if (name.startsWith("shipped") && !perClassRule) continue;
    // One threshold leaves no box below it: the low-score cap changes nothing there.
    for (const capped of perClassRule ? [false, true] : [false]) {
      const filter = (subset: readonly ScoredRun[]) => {
        const kept = applyThresholds(subset, thresholds, fallback);
        return capped ? capLowScoreBoxes(kept, fallback, DEFAULT_OBJECT_DETECTOR_CONFIG.maxLowScoreBoxesPerClass) : kept;
      };
      const all = scoreClasses(filter(runs));
      const held = scoreClasses(filter(heldOut));
      const cv = crossValidate !== undefined && !capped ? crossValidate() : "–";
      const ious = labelledBoxIous(filter(runs));
      const label = capped ? `${name}, ≤ ${DEFAULT_OBJECT_DETECTOR_CONFIG.maxLowScoreBoxesPerClass} box per class below ${fallback}` : name;
      console.log(`| ${size.join("x")} | ${label} | ${pct(all.precision)} | ${pct(all.recall)} | ${pct(all.f1)} | ${pct(held.f1)} | ${cv} | ${pct(mean(ious))} (${ious.length} boxes) | ${surplusBoxes(filter(runs))} |`);
      if (perClass && name.startsWith("shipped") && capped) {
        notes.push(`\nPer class (${size.join("x")}, ${label}; images where the class is expected and found / expected and missed / reported but absent):\n`);
        for (const [className, c] of [...all.perClass].sort()) notes.push(`- ${className}: ${c.truePositives} / ${c.falseNegatives} / ${c.falsePositives}`);
        notes.push(`\nMistakes: ${all.mistakes.map((m) => `${m.file} missed [${m.missed}] false [${m.falseClasses}]`).join("; ")}`);
      }
    }
  }
  if (calibrate) {
    notes.push(`\n${size.join("x")} calibrated on the calibration split: ${JSON.stringify(onSplit)}`);
    notes.push(`\n${size.join("x")} calibrated on all images: ${JSON.stringify(onAll)}`);
  }
}
for (const line of notes) console.log(line);

console.log("\n## Pose (MoveNet MultiPose), people found / counted by eye\n");
const bodyImages = await Promise.all(POSE_BODY_COUNTS.map(([file]) => decodeFile(file.startsWith("/") ? file : `tests/fixtures/${file}`)));
console.log(`| input | ${POSE_BODY_COUNTS.map(([file, n]) => `${file.split("/").pop()} (${n})`).join(" | ")} | total | keypoint sanity |`);
console.log(`| --- | ${POSE_BODY_COUNTS.map(() => "---").join(" | ")} | --- | --- |`);
const estimators: [string, PoseEstimator][] = [];
for (const size of poseSizes) {
  const estimator = await createPoseEstimator({ readModelFile: store.createModelStore() }, { model: "multipose", inputSize: size });
  estimator.warmUp();
  estimators.push([size.join("x"), estimator]);
  const counts: number[] = [];
  let sane = 0, people = 0;
  for (const image of bodyImages) {
    const poses = await estimator.estimate(image);
    counts.push(Math.min(poses.length, 99));
    people += poses.length;
    sane += sanePeople(poses, image.width, image.height);
  }
  const expected = POSE_BODY_COUNTS.reduce((s, [, n]) => s + n, 0);
  const found = counts.reduce((s, n, i) => s + Math.min(n, POSE_BODY_COUNTS[i]?.[1] ?? 0), 0);
  console.log(`| ${size.join("x")} | ${counts.join(" | ")} | ${found} / ${expected} | ${sane} / ${people} people sane |`);
}

console.log(`\n## Speed on tests/fixtures/frame_240x180.jpg, interleaved, ${iterations} runs each after 3 warm-ups (ms; wall median / p90 / p99, CPU median)\n`);
const cpuNow = () => {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage === undefined ? NaN : (usage.user + usage.system) / 1000;
};
const jobs: [string, () => Promise<unknown>][] = [
  ...detectors.map(([name, d]): [string, () => Promise<unknown>] => [`objects ${name}`, () => d.detect(frame)]),
  ...estimators.map(([name, e]): [string, () => Promise<unknown>] => [`pose multipose ${name}`, () => e.estimate(frame)]),
];
const wall = jobs.map(() => [] as number[]);
const cpu = jobs.map(() => [] as number[]);
for (let i = 0; i < iterations + 3; i++) {
  for (const [k, [, job]] of jobs.entries()) {
    const [t0, c0] = [performance.now(), cpuNow()];
    await job();
    if (i >= 3) {
      wall[k]?.push(performance.now() - t0);
      cpu[k]?.push(cpuNow() - c0);
    }
  }
}
console.log("| configuration | wall median | p90 | p99 | CPU median |\n| --- | --- | --- | --- | --- |");
for (const [k, [name]] of jobs.entries()) {
  const w = wall[k] ?? [];
  console.log(`| ${name} | ${percentile(w, 50).toFixed(1)} | ${percentile(w, 90).toFixed(1)} | ${percentile(w, 99).toFixed(1)} | ${percentile(cpu[k] ?? [], 50).toFixed(1)} |`);
}
for (const [, d] of detectors) d.dispose();
for (const [, e] of estimators) e.dispose();
console.log(`\ndefaults: objects ${DEFAULT_OBJECT_DETECTOR_CONFIG.inputSize.join("x")} (one threshold ${DEFAULT_MIN_SCORE}), pose ${DEFAULT_POSE_ESTIMATOR_CONFIG.model} ${DEFAULT_POSE_ESTIMATOR_CONFIG.inputSize.join("x")}`);
