/**
 * The `pose` task: MoveNet (MultiPose or SinglePose Lightning) on the TF.js WASM backend,
 * reported as OpenPose BODY_25 keypoints.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { GraphModel } from "@tensorflow/tfjs-converter";
import type { DecodedImage } from "../../image/decoded-image.ts";
import { modelFileHandler, type ReadModelFile } from "../../inference/model-files.ts";
import { coco17ToBody25, type Keypoint } from "./body25.ts";
import { decodeMultiPose, decodeSinglePose, type MoveNetPerson } from "./movenet-decode.ts";
import { withMoveNetLightningInputSize } from "./movenet-input-size.ts";
import { centreInInput } from "./input-placement.ts";
import { moveNetInput } from "./movenet-input.ts";
import { type PoseEstimatorConfig, type PoseModelName, resolvePoseEstimatorConfig } from "./pose-config.ts";
import type { StageTimings } from "./stage-timings.ts";

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
  const [height, width] = resolved.inputSize;
  const load = async (h: number, w: number) => {
    const files = modelFileHandler(POSE_MODEL_PATHS[resolved.model], deps.readModelFile);
    // MultiPose takes any size as it is; Lightning's grid constants are rewritten per size.
    const model = new GraphModel(single ? withMoveNetLightningInputSize(files, h, w) : files);
    await model.load();
    return model;
  };
  const landscape = await load(height, width);
  const portrait = !single || height === width ? landscape : await load(width, height);
  // The first run of a graph is several times slower (allocations); pay it at load time.
  warmUp(landscape, [1, height, width, 3]);
  if (height !== width) warmUp(portrait, [1, width, height, 3]);

  return {
    config: resolved,
    async estimate(image, timings) {
      if (image.width < 1 || image.height < 1) return [];
      const t0 = performance.now();
      const isPortrait = image.height > image.width;
      const model = isPortrait ? portrait : landscape;
      const [inH, inW] = isPortrait ? [width, height] : [height, width];
      const placement = centreInInput(image.width, image.height, inW, inH);
      const input = tf.tensor4d(moveNetInput(image, placement), [1, inH, inW, 3], "int32");
      const t1 = performance.now();
      const output = model.execute(input) as tf.Tensor;
      let values: Float32Array;
      try {
        values = (await output.data()) as Float32Array;
      } finally {
        tf.dispose([input, output]);
      }
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
    dispose() {
      landscape.dispose();
      if (portrait !== landscape) portrait.dispose();
    },
  };
}

/** Runs the model once on zeros. */
function warmUp(model: GraphModel, shape: number[]): void {
  const input = tf.zeros(shape, "int32");
  const output = model.execute(input);
  tf.dispose([input, ...(Array.isArray(output) ? output : [output])]);
}
