// Face-detection accuracy and speed of the short- and full-range BlazeFace models, to choose the
// default: IoU with the reference server's Haar boxes (raw and calibrated BlazeFace boxes), faces
// found on group photos and portraits against counts made by eye, false detections on face-free
// images, and median inference time. Runs under Node (tsx), Deno (--allow-read=.) and Bun.
//   npx tsx scripts/eval-face-detection.ts [--iterations 100]
import { readFileSync } from "node:fs";
import { createImageDecoder, type DecodedImage } from "../src/core/image/mod.ts";
import { initWasmBackend } from "../src/core/inference/wasm-backend.ts";
import { createFaceDetector, type FaceDetectionTimings } from "../src/core/tasks/face-detection/face-detector.ts";
import { parseScriptSettings, runtimeModelStore } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { median } from "./stats.ts";

const { values: { iterations } } = parseScriptSettings({ iterations: SCRIPT_SETTINGS.iterations(100) }, "usage: eval-face-detection.ts [--iterations N]");
const store = await runtimeModelStore();

/** Haar boxes of the reference server (protocol notes §3.1, §13). */
const REFERENCE_BOXES: Record<string, number[][]> = {
  "Bruce.jpg": [[73, 76, 147, 150]],
  "face_triple.jpg": [[6, 104, 59, 157], [68, 165, 138, 235], [120, 28, 189, 97]],
};
/** Faces counted by eye. */
const FACE_COUNTS: Record<string, number> = {
  "Bruce.jpg": 1, "face_triple.jpg": 3, "Wonho.jpg": 1, "face_300x400.jpg": 1, "face_bruce_x_jan.jpg": 1,
  "groups/sample1.jpg": 3, "groups/sample2.jpg": 3, "groups/sample3.jpg": 3, "groups/sample4.jpg": 4, "groups/sample5.jpg": 5, "groups/sample6.jpg": 4,
  "single_pixel.png": 0, "empty_portrait_black.png": 0, "testfile.png": 0, "objects_001.jpg": 0, "objects_002.jpg": 0, "objects_003.jpg": 0,
};

function iou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const ih = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

await initWasmBackend({ wasmDirectory: store.WASM_DIRECTORY });
const decoder = await createImageDecoder({ jpegWasm: await store.readJpegWasm() });
const images = new Map<string, DecodedImage>();
for (const name of new Set([...Object.keys(FACE_COUNTS), "frames/face_240x180.jpg"])) {
  images.set(name, await decoder.decode(new Uint8Array(readFileSync(`tests/fixtures/${name}`))));
}

console.log("| model | IoU with Haar boxes, raw / calibrated (mean of 4) | faces found / by eye (17 images) | images with too many faces | false faces on 6 face-free images | group photos found / 22 | inference median ms (240×180) |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const model of ["short", "full"] as const) {
  const raw = await createFaceDetector({ readModelFile: store.createModelStore() }, { model, boxScale: 1, boxShiftY: 0 });
  const calibrated = await createFaceDetector({ readModelFile: store.createModelStore() }, { model });
  raw.warmUp();
  calibrated.warmUp();
  const ious: [number[], number[]] = [[], []];
  for (const [name, references] of Object.entries(REFERENCE_BOXES)) {
    for (const [k, detector] of [raw, calibrated].entries()) {
      const faces = await detector.detect(images.get(name)!);
      for (const reference of references) ious[k]!.push(Math.max(0, ...faces.map((f) => iou(f.rect, reference))));
    }
  }
  let found = 0, expected = 0, tooMany = 0, falseFaces = 0, groupFound = 0;
  for (const [name, count] of Object.entries(FACE_COUNTS)) {
    const n = (await calibrated.detect(images.get(name)!)).length;
    found += Math.min(n, count);
    expected += count;
    if (n > count) tooMany++;
    if (count === 0) falseFaces += n;
    if (name.startsWith("groups/")) groupFound += Math.min(n, count);
  }
  const timings: FaceDetectionTimings = { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 };
  const inference: number[] = [];
  const frame = images.get("frames/face_240x180.jpg")!;
  for (let i = 0; i < iterations + 10; i++) {
    await calibrated.detect(frame, timings);
    if (i >= 10) inference.push(timings.inferenceMs);
  }
  const mean = (values: number[]) => (values.reduce((s, v) => s + v, 0) / values.length).toFixed(2);
  console.log(`| ${model} | ${mean(ious[0])} / ${mean(ious[1])} | ${found} / ${expected} | ${tooMany} | ${falseFaces} | ${groupFound} | ${median(inference).toFixed(2)} |`);
  raw.dispose();
  calibrated.dispose();
}
