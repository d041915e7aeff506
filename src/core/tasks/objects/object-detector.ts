/**
 * The `objects` task: NanoDet-g (80 COCO classes) on the TF.js WASM backend.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rect } from "../geometry.ts";
import type { DetectedObject } from "./result.ts";
import type { DecodedImage } from "../../image/decoded-image.ts";
import { loadGraphModel, modelFileHandler, type ReadModelFile } from "../../inference/model-files.ts";
import { calibratedClassMinScores } from "./class-min-scores.ts";
import { darknetClassName, DARKNET_COCO_CLASSES } from "./darknet-coco-classes.ts";
import { fitLetterbox } from "../fit-letterbox.ts";
import { nanoDetInput } from "./nanodet-input.ts";
import { decodeNanoDet, type NanoDetLevel } from "./nanodet-decode.ts";
import { withFusedNanoDetConvolutions } from "./nanodet-fusion.ts";
import { nanoDetSizeConstants, withNanoDetInputSize } from "./nanodet-input-size.ts";
import { capLowScoreBoxes, nonMaxSuppressionPerClass } from "./non-max-suppression.ts";
import { type ObjectDetectorConfig, resolveObjectDetectorConfig } from "./objects-config.ts";
import type { StageTimings } from "../../timing/stage-timings.ts";
import { loadOrientedModels } from "../oriented-models.ts";

/** Path of the NanoDet-g graph under models/. */
export const NANODET_MODEL_PATH = "objects/nanodet.json";

/** Output names per stride: [class scores, box bins]. */
const OUTPUTS: readonly { stride: number; scores: string; boxBins: string }[] = [
  { stride: 8, scores: "Identity:0", boxBins: "Identity_3:0" },
  { stride: 16, scores: "Identity_1:0", boxBins: "Identity_4:0" },
  { stride: 32, scores: "Identity_2:0", boxBins: "Identity_5:0" },
];

/** A loaded object detector. */
export interface ObjectDetector {
  /** The resolved configuration. */
  readonly config: Readonly<ObjectDetectorConfig>;
  /**
   * Detects objects.
   * @param image Packed RGB.
   * @param timings When given, receives the time spent per stage.
   * @returns Objects ordered by class index, then score (highest first); rects clamped to the image.
   */
  detect(image: DecodedImage, timings?: StageTimings): Promise<DetectedObject[]>;
  /** Runs each orientation's graph once (its first run is several times slower); the engine calls it through the task, the factory does not. */
  warmUp(): void;
  /** Frees the models. */
  dispose(): void;
}

/**
 * Loads NanoDet-g for landscape (and, when the input is not square, portrait) images.
 *
 * @param deps `readModelFile` reads files under models/.
 * @param config Overrides of {@link DEFAULT_OBJECT_DETECTOR_CONFIG}.
 * @returns The detector.
 * @throws {RangeError} When the config is invalid.
 * @example
 * ```ts
 * const detector = await createObjectDetector({ readModelFile });
 * const objects = await detector.detect(image); // [{ className: "bicycle", rect: [...], ... }]
 * detector.dispose();
 * ```
 */
export async function createObjectDetector(
  deps: { readModelFile: ReadModelFile },
  config?: Partial<ObjectDetectorConfig>,
): Promise<ObjectDetector> {
  const resolved = resolveObjectDetectorConfig(config);
  const load = async (h: number, w: number) => {
    const files = modelFileHandler(NANODET_MODEL_PATH, deps.readModelFile);
    return await loadGraphModel(withFusedNanoDetConvolutions(withNanoDetInputSize(files, h, w)));
  };
  const classMinScores = classMinScoreArray(resolved);
  const decodeMinScore = Math.min(...classMinScores);
  const models = await loadOrientedModels({
    inputSize: resolved.inputSize,
    load,
    anyInputSize: false,
    sizeConstants: nanoDetSizeConstants,
    inputShape: (h, w) => [1, 3, h, w],
    inputDtype: "float32",
  });

  return {
    config: resolved,
    async detect(image, timings) {
      if (image.width < 1 || image.height < 1) return [];
      const t0 = performance.now();
      const { execute, inputWidth: inW, inputHeight: inH } = models.forImage(image.width, image.height);
      const box = fitLetterbox(image.width, image.height, inW, inH);
      const input = tf.tensor4d(nanoDetInput(image, inW, inH, box), [1, 3, inH, inW]);
      const t1 = performance.now();
      const names = OUTPUTS.flatMap((o) => [o.scores, o.boxBins]);
      const outputs = execute(input, names) as tf.Tensor[];
      let data: Float32Array[];
      try {
        data = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
      } finally {
        tf.dispose([input, ...outputs]);
      }
      const t2 = performance.now();
      const levels: NanoDetLevel[] = OUTPUTS.map((o, i) => ({
        stride: o.stride,
        columns: inW / o.stride,
        scores: data[2 * i] as Float32Array,
        boxBins: data[2 * i + 1] as Float32Array,
      }));
      const candidates = decodeNanoDet(levels, DARKNET_COCO_CLASSES.length, decodeMinScore)
        .filter((c) => c.score >= (classMinScores[c.classIndex] as number));
      const kept = capLowScoreBoxes(nonMaxSuppressionPerClass(candidates, resolved.maxIou, resolved.maxObjects), resolved.minScore, resolved.maxLowScoreBoxesPerClass);
      const objects = kept.map((c): DetectedObject => ({
        rect: toImageRect(c.box, image.width / box.scaledWidth, image.height / box.scaledHeight, image.width, image.height),
        classIndex: c.classIndex,
        className: darknetClassName(c.classIndex),
        score: c.score,
      }));
      if (timings !== undefined) {
        timings.preprocessMs = t1 - t0;
        timings.inferenceMs = t2 - t1;
        timings.postprocessMs = performance.now() - t2;
      }
      return objects;
    },
    warmUp: () => models.warmUp(),
    dispose: () => models.dispose(),
  };
}

/** The minimum score of every class index: its per-class threshold, else `minScore`. */
function classMinScoreArray(config: ObjectDetectorConfig): number[] {
  const table = config.classMinScores === "calibrated" ? calibratedClassMinScores(config.inputSize) : config.classMinScores;
  return DARKNET_COCO_CLASSES.map((name) => table[name] ?? config.minScore);
}

/** Maps an input-pixel box back to integer image pixels (truncated, as the reference), clamped to the image. */
function toImageRect(box: readonly number[], sx: number, sy: number, width: number, height: number): Rect {
  const clamp = (v: number, max: number) => Math.trunc(Math.min(max, Math.max(0, v)));
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = box;
  return [clamp(x1 * sx, width), clamp(y1 * sy, height), clamp(x2 * sx, width), clamp(y2 * sy, height)];
}
