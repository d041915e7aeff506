// Objects and pose evaluation on labelled images (tests/fixtures/object-labels.json: the
// reference's photos, a few public-domain/CC0 photos, and the sample photos of the Debian packages
// darknet and opencv-doc, read from the installed packages). Objects: per-class and class-level
// precision / recall / F1, IoU of labelled boxes and surplus boxes, per input size, with one
// uniform threshold (the default 0.4; 0.3 as before #14; the one chosen on the calibration split,
// and per fold of leave-one-group-out cross-validation) and with per-class thresholds (the opt-in
// table; thresholds calibrated on the calibration split, scored on the held-out split; thresholds
// calibrated on all images, scored by leave-one-group-out cross-validation), the per-class ones
// without and with the cap on low-score boxes per class. Levers of session 5, each with its choices
// (threshold, IoU limit) made per fold: cross-class suppression (all classes / within a COCO
// super-category), and merged runs (the mirrored image, a second input size; union + per-class
// NMS); then one nested row choosing among the input sizes and merges per fold too. Pose: people
// found against counts made by eye, keypoint sanity. Speed: the configurations (merges included)
// interleaved on a 240x180 camera frame, one WASM thread, median / p90 / p99 of wall time and of
// process CPU time (steadier on a shared machine).
//   npx tsx scripts/eval-objects.ts [--objects 160x224,320x416] [--merges 160x224+160x224:mirror,128x192+96x160]
//                                   [--pose 128x160,96x128] [--iterations 30] [--per-class] [--calibrate]
// Needs `apt-get install darknet opencv-doc` (or EDGEVISION_DARKNET_DATA / EDGEVISION_OPENCV_DATA).
import { readFileSync } from "node:fs";
import { createImageDecoder, type DecodedImage } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { CALIBRATED_REST_MIN_SCORE, calibratedClassMinScores, createObjectDetector, DEFAULT_OBJECT_DETECTOR_CONFIG, type ObjectDetector } from "../src/core/tasks/objects/mod.ts";
import { createPoseEstimator, DEFAULT_POSE_ESTIMATOR_CONFIG, type PoseEstimator } from "../src/core/tasks/pose/mod.ts";
import { applyThresholds, calibrateThresholds, chooseUniformThreshold, leaveOneGroupOutF1, type ScoredRun } from "./eval/calibrate-thresholds.ts";
import { chooseRule, crossValidateChoice, type Rule, type Variant } from "./eval/cross-validate-rules.ts";
import { crossClassRules, thresholdRules } from "./eval/lever-rules.ts";
import { mergeViews, mirrorImage, unmirrorObjects } from "./eval/merged-views.ts";
import { DEFAULT_PHOTO_DIRECTORIES, labelledImagePath, packagedPhotosInstalled, type PhotoDirectories, readObjectLabels } from "./eval/object-labels.ts";
import { capLowScoreBoxes, type ClassScores, labelledBoxIous, scoreClasses, surplusBoxes } from "./eval/object-scores.ts";
import { POSE_BODY_COUNTS, sanePeople } from "./eval/pose-counts.ts";
import { inputSize } from "../src/core/settings/parsers.ts";
import { setting, switchSetting } from "../src/core/settings/setting.ts";
import { parseScriptSettings, RUNTIME_NAME, runtimeModelStore } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";

/** A list of network input sizes, `HxW,HxW`. */
const sizeList = (text: string, name: string): [number, number][] => text.split(",").map((size) => inputSize(size, name));
/** One detector run on an image: the input size, on the image or on its mirror. */
interface View {
  size: [number, number];
  mirrored: boolean;
}
/** Merges, `HxW[:mirror]+HxW[:mirror],…`. */
const mergeList = (text: string, name: string): View[][] =>
  text.split(",").map((merge) =>
    merge.split("+").map((part): View => {
      const [size = "", flag] = part.split(":");
      if (flag !== undefined && flag !== "mirror") throw new RangeError(`Option "${name}" view "${part}" must be HxW or HxW:mirror`);
      return { size: inputSize(size, name), mirrored: flag === "mirror" };
    })
  );
const viewName = (view: View) => `${view.size.join("x")}${view.mirrored ? " mirrored" : ""}`;
const mergeName = (views: readonly View[]) => views.map(viewName).join(" + ");
const { values: options } = parseScriptSettings({
  objectSizes: setting<[number, number][]>({ flag: "--objects", default: [[160, 224], [320, 416]], defaultText: "160x224,320x416", parse: sizeList, help: "object detector input sizes, comma-separated" }),
  merges: setting<View[][]>({
    flag: "--merges",
    default: mergeList("160x224+160x224:mirror,128x160+128x160:mirror,128x192+96x160,160x224+96x160", "--merges"),
    defaultText: "160x224+160x224:mirror,128x160+128x160:mirror,128x192+96x160,160x224+96x160",
    parse: mergeList,
    help: "detector runs merged (union + per-class NMS), comma-separated; views joined by +, each HxW or HxW:mirror",
  }),
  poseSizes: setting<[number, number][]>({ flag: "--pose", default: [[128, 160], [96, 128]], defaultText: "128x160,96x128", parse: sizeList, help: "pose estimator input sizes, comma-separated" }),
  iterations: SCRIPT_SETTINGS.iterations(30),
  perClass: switchSetting("--per-class", "print the per-class table"),
  calibrate: switchSetting("--calibrate", "print the per-class thresholds calibrated on the calibration split and on all images"),
}, "usage: eval-objects.ts [options] (needs apt-get install darknet opencv-doc)");
const { objectSizes, merges, poseSizes, iterations, perClass, calibrate } = options;
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
const detectors = new Map<string, ObjectDetector>();
const viewRuns = new Map<string, ScoredRun[]>();
for (const view of [...objectSizes.map((size): View => ({ size, mirrored: false })), ...merges.flat()]) {
  if (viewRuns.has(viewName(view))) continue;
  let detector = detectors.get(view.size.join("x"));
  if (detector === undefined) {
    // Everything at 0.1 once; each threshold rule then filters (greedy NMS keeps the same boxes).
    detector = await createObjectDetector({ readModelFile: store.createModelStore() }, { inputSize: view.size, minScore: 0.1, classMinScores: {}, maxLowScoreBoxesPerClass: 100 });
    detector.warmUp();
    detectors.set(view.size.join("x"), detector);
  }
  const runs: ScoredRun[] = [];
  for (const [i, label] of labels.entries()) {
    const image = images[i] as DecodedImage;
    runs.push({ label, objects: view.mirrored ? unmirrorObjects(await detector.detect(mirrorImage(image)), image.width) : await detector.detect(image) });
  }
  viewRuns.set(viewName(view), runs);
}
const mergedRuns = (views: readonly View[]): ScoredRun[] =>
  labels.map((label, i) => ({ label, objects: mergeViews(views.map((view) => viewRuns.get(viewName(view))?.[i]?.objects ?? []), DEFAULT_OBJECT_DETECTOR_CONFIG.maxIou) }));
const heldOutOnly = (runs: readonly ScoredRun[]) => runs.filter((r) => r.label.split === "held-out");
const describeChoices = (chosen: Map<string, number>) => [...chosen].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} (${n})`).join(", ");
const perClassLines = (title: string, scores: ClassScores): string[] => [
  `\nPer class (${title}; images where the class is expected and found / expected and missed / reported but absent, precision, recall):\n`,
  ...[...scores.perClass].sort().map(([name, c]) => `- ${name}: ${c.truePositives} / ${c.falseNegatives} / ${c.falsePositives}, P ${c.truePositives + c.falsePositives > 0 ? pct(c.truePositives / (c.truePositives + c.falsePositives)) : "–"}, R ${c.truePositives + c.falseNegatives > 0 ? pct(c.truePositives / (c.truePositives + c.falseNegatives)) : "–"}`),
  `\nMistakes: ${scores.mistakes.map((m) => `${m.file} missed [${m.missed}] false [${m.falseClasses}]`).join("; ")}`,
  `\nMistakes by group (missed / false classes): ${mistakesByGroup(scores).map(([group, missed, falseClasses]) => `${group} ${missed} / ${falseClasses}`).join("; ")}`,
];
/** Missed and false classes summed per group of near-duplicates (an image without a group is its own), most first. */
const mistakesByGroup = (scores: ClassScores): [string, number, number][] => {
  const byGroup = new Map<string, [number, number]>();
  for (const m of scores.mistakes) {
    const group = labels.find((l) => l.file === m.file)?.group ?? m.file;
    const [missed, falseClasses] = byGroup.get(group) ?? [0, 0];
    byGroup.set(group, [missed + m.missed.length, falseClasses + m.falseClasses.length]);
  }
  return [...byGroup].map(([group, [missed, falseClasses]]): [string, number, number] => [group, missed, falseClasses]).sort((a, b) => b[1] + b[2] - a[1] - a[2]);
};
/**
 * One table row for a rule family: the rule chosen on the calibration split scored on all images
 * and on the held-out ones; the cross-validated F1 with the choice made per fold.
 */
const leverRow = (input: string, what: string, choice: string, runs: readonly ScoredRun[], rules: readonly Rule[]) => {
  const { rule } = chooseRule(runs.filter((r) => r.label.split === "calibration"), rules);
  const all = scoreClasses(rule.apply(runs));
  const cv = crossValidateChoice([{ name: input, runs }], rules);
  const ious = labelledBoxIous(rule.apply(runs));
  console.log(`| ${input} | ${what} (${choice}: ${rule.name} on the calibration split; cross-validated: chosen per fold) | ${pct(all.precision)} | ${pct(all.recall)} | ${pct(all.f1)} | ${pct(scoreClasses(rule.apply(heldOutOnly(runs))).f1)} | ${pct(cv.scores.f1)} (P ${pct(cv.scores.precision)}, R ${pct(cv.scores.recall)}) | ${pct(mean(ious))} (${ious.length} boxes) | ${surplusBoxes(rule.apply(runs))} |`);
  notes.push(`\n${input}, ${what}, ${choice} chosen per fold: ${describeChoices(cv.chosen)}`);
};
const notes: string[] = [];
for (const size of objectSizes) {
  const runs = viewRuns.get(size.join("x")) as ScoredRun[];
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
      if (perClass && ((name.startsWith("shipped") && capped) || name.endsWith("(default)"))) notes.push(...perClassLines(`${size.join("x")}, ${label}`, all));
      if (perClass && name.endsWith("(default)")) {
        const [worst = ""] = mistakesByGroup(all)[0] ?? [];
        const rest = scoreClasses(filter(runs.filter((r) => (r.label.group ?? r.label.file) !== worst)));
        notes.push(`\n${size.join("x")}, ${label}, without the group with most mistakes (${worst}): P ${pct(rest.precision)}, R ${pct(rest.recall)}, F1 ${pct(rest.f1)} (${rest.total.truePositives} found / ${rest.total.falseNegatives} missed / ${rest.total.falsePositives} false)`);
      }
    }
  }
  leverRow(size.join("x"), "uniform + cross-class suppression, all classes", "threshold and IoU limit", runs, crossClassRules("all classes"));
  leverRow(size.join("x"), "uniform + cross-class suppression within a COCO super-category", "threshold and IoU limit", runs, crossClassRules("same super-category"));
  if (calibrate) {
    notes.push(`\n${size.join("x")} calibrated on the calibration split: ${JSON.stringify(onSplit)}`);
    notes.push(`\n${size.join("x")} calibrated on all images: ${JSON.stringify(onAll)}`);
  }
}
for (const views of merges) {
  const runs = mergedRuns(views);
  leverRow(mergeName(views), "merged, uniform", "threshold", runs, thresholdRules());
  leverRow(mergeName(views), "merged + cross-class suppression, all classes", "threshold and IoU limit", runs, crossClassRules("all classes"));
}
const variants: Variant[] = [
  ...objectSizes.map((size) => ({ name: size.join("x"), runs: viewRuns.get(size.join("x")) as ScoredRun[] })),
  ...merges.map((views) => ({ name: mergeName(views), runs: mergedRuns(views) })),
];
const nested = crossValidateChoice(variants, thresholdRules());
console.log(`| any of the above | one input size or merge + one threshold, both chosen per fold (nested) | – | – | – | – | ${pct(nested.scores.f1)} (P ${pct(nested.scores.precision)}, R ${pct(nested.scores.recall)}) | – | – |`);
notes.push(`\nNested choice per fold: ${describeChoices(nested.chosen)}`);
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
const runView = async (view: View) => {
  const detector = detectors.get(view.size.join("x")) as ObjectDetector;
  return view.mirrored ? unmirrorObjects(await detector.detect(mirrorImage(frame)), frame.width) : await detector.detect(frame);
};
const jobs: [string, () => Promise<unknown>][] = [
  ...objectSizes.map((size): [string, () => Promise<unknown>] => [`objects ${size.join("x")}`, () => runView({ size, mirrored: false })]),
  ...merges.map((views): [string, () => Promise<unknown>] => [`objects ${mergeName(views)}`, async () => {
    const detected = [];
    for (const view of views) detected.push(await runView(view));
    return mergeViews(detected, DEFAULT_OBJECT_DETECTOR_CONFIG.maxIou);
  }]),
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
for (const d of detectors.values()) d.dispose();
for (const [, e] of estimators) e.dispose();
console.log(`\ndefaults: objects ${DEFAULT_OBJECT_DETECTOR_CONFIG.inputSize.join("x")} (one threshold ${DEFAULT_MIN_SCORE}), pose ${DEFAULT_POSE_ESTIMATOR_CONFIG.model} ${DEFAULT_POSE_ESTIMATOR_CONFIG.inputSize.join("x")}`);
