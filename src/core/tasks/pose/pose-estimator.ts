/**
 * The `pose` task: MoveNet (MultiPose or SinglePose Lightning) on the TF.js WASM backend,
 * reported as OpenPose BODY_25 keypoints.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { DecodedImage } from "../../image/decoded-image.ts";
import { loadGraphModel, modelFileHandler, type ReadModelFile } from "../../inference/model-files.ts";
import { coco17ToBody25, type Keypoint } from "./body25.ts";
import { decodeMultiPose, decodeSinglePose, type MoveNetPerson } from "./movenet-decode.ts";
import { withMoveNetLightningInputSize } from "./movenet-input-size.ts";
import { MULTIPOSE_HEAD_OUTPUTS } from "./multipose-heads.ts";
import { decodeMultiPoseHeads } from "./multipose-heads-decode.ts";
import { centreInInput } from "./input-placement.ts";
import { moveNetInput } from "./movenet-input.ts";
import { type PoseEstimatorConfig, type PoseModelName, resolvePoseEstimatorConfig } from "./pose-config.ts";
import type { StageTimings } from "../../timing/stage-timings.ts";
import { loadOrientedModels, type OrientedInput } from "../oriented-models.ts";

/** Model files under models/. */
export const POSE_MODEL_PATHS: Readonly<Record<PoseModelName, string>> = {
  multipose: "pose/movenet-multipose.json",
  lightning: "pose/movenet-lightning.json",
};

/** A loaded pose estimator. */
export interface PoseEstimator {
  /** The resolved configuration. */
  readonly config: Readonly<PoseEstimatorConfig>;
  /**
   * Finds people and their keypoints.
   * @param image Packed RGB.
   * @param timings When given, receives the time spent per stage.
   * @returns One entry per person (best first): 25 BODY_25 keypoints `[x, y, score]` in image
   *   pixels; undetected keypoints are `[0, 0, 0]`.
   */
  estimate(image: DecodedImage, timings?: StageTimings): Promise<Keypoint[][]>;
  /** Runs each orientation's graph once (its first run is several times slower); the engine calls it through the task, the factory does not. */
  warmUp(): void;
  /** Frees the model. */
  dispose(): void;
}

/**
 * Loads the configured MoveNet.
 *
 * @param deps `readModelFile` reads files under models/.
 * @param config Overrides of {@link DEFAULT_POSE_ESTIMATOR_CONFIG}.
 * @returns The estimator.
 * @throws {RangeError} When the config is invalid.
 * @example
 * ```ts
 * const estimator = await createPoseEstimator({ readModelFile });
 * const poses = await estimator.estimate(image); // [[[81.4, 60.4, 0.83], ...25], ...]
 * estimator.dispose();
 * ```
 */
export async function createPoseEstimator(
  deps: { readModelFile: ReadModelFile },
  config?: Partial<PoseEstimatorConfig>,
): Promise<PoseEstimator> {
  const resolved = resolvePoseEstimatorConfig(config);
  const single = resolved.model === "lightning";
  const load = async (h: number, w: number) => {
    const files = modelFileHandler(POSE_MODEL_PATHS[resolved.model], deps.readModelFile);
    // MultiPose takes any size as it is; Lightning's grid constants are rewritten per size.
    return await loadGraphModel(single ? withMoveNetLightningInputSize(files, h, w) : files);
  };
  const models = await loadOrientedModels({
    inputSize: resolved.inputSize,
    load,
    anyInputSize: !single,
    inputShape: (h, w) => [1, h, w, 3],
    inputDtype: "int32",
    outputs: single ? undefined : Object.values(MULTIPOSE_HEAD_OUTPUTS),
  });

  return {
    config: resolved,
    async estimate(image, timings) {
      if (image.width < 1 || image.height < 1) return [];
      const t0 = performance.now();
      const { execute, inputWidth: inW, inputHeight: inH } = models.forImage(image.width, image.height);
      const placement = centreInInput(image.width, image.height, inW, inH);
      const input = tf.tensor4d(moveNetInput(image, placement), [1, inH, inW, 3], "int32");
      const t1 = performance.now();
      const values = single ? await runSinglePose(execute, input) : await runMultiPoseHeads(execute, input, inH / 4, inW / 4);
      const t2 = performance.now();
      const people: MoveNetPerson[] = single
        ? [decodeSinglePose(values, placement)].filter((p) => p.score >= resolved.minPersonScore)
        : decodeMultiPose(values, placement, resolved.minPersonScore);
      const poses = people
        .map((p) => coco17ToBody25(p.keypoints, resolved.minKeypointScore))
        .filter((keypoints) => keypoints.some((k) => k[2] > 0)); // a "person" with no keypoint shown is noise
      if (timings !== undefined) {
        timings.preprocessMs = t1 - t0;
        timings.inferenceMs = t2 - t1;
        timings.postprocessMs = performance.now() - t2;
      }
      return poses;
    },
    warmUp: () => models.warmUp(),
    dispose: () => models.dispose(),
  };
}

/** SinglePose Lightning: the graph's own `[1, 1, 17, 3]` output. Disposes `input`. */
async function runSinglePose(execute: OrientedInput["execute"], input: tf.Tensor): Promise<Float32Array> {
  const output = execute(input) as tf.Tensor;
  try {
    return (await output.data()) as Float32Array;
  } finally {
    tf.dispose([input, output]);
  }
}

/**
 * MultiPose cut at its head convolutions (the graph's own post-processing is slow on the WASM
 * backend), decoded in TypeScript into the graph's `[6, 56]` layout. Disposes `input`.
 */
async function runMultiPoseHeads(execute: OrientedInput["execute"], input: tf.Tensor, rows: number, columns: number): Promise<Float32Array> {
  const names = Object.values(MULTIPOSE_HEAD_OUTPUTS);
  const outputs = execute(input, names) as tf.Tensor[];
  let maps: Float32Array[];
  try {
    maps = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose([input, ...outputs]);
  }
  const [centre, boxScale, boxOffset, heatmap, regress, offset] = maps as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  return decodeMultiPoseHeads({ rows, columns, centre, boxScale, boxOffset, heatmap, regress, offset });
}
