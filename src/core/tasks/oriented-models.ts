/**
 * A network with a fixed input size, loaded for landscape and portrait images: a portrait image
 * runs on the model of the transposed input size, so neither orientation is squeezed into the
 * other. Shared by the object detector and the pose estimator. A graph whose size lives in a few
 * constants runs both orientations on one model (one set of weights in the WASM heap) with the
 * portrait size's constants fed next to the input.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GraphModel } from "@tensorflow/tfjs-converter";

/** The model and input size one image runs on. */
export interface OrientedInput {
  /** Runs the model of this orientation (`GraphModel.execute` semantics: the caller disposes the outputs). */
  execute(input: tf.Tensor, outputs?: string[]): tf.Tensor | tf.Tensor[];
  inputWidth: number;
  inputHeight: number;
}

/** How to load and feed the network. */
export interface OrientedModelsSpec {
  /** The landscape input size, `[height, width]`; portrait images use `[width, height]`. */
  inputSize: readonly [height: number, width: number];
  /** Loads the network for one input size. */
  load: (inputHeight: number, inputWidth: number) => Promise<GraphModel>;
  /** The landscape model also takes the portrait size (a graph without fixed spatial sizes). */
  anyInputSize: boolean;
  /**
   * The graph's size constants for an input size, keyed by node name (the caller of
   * {@link loadOrientedModels} need not dispose them). When given, portrait images run the
   * landscape model with these fed next to the input instead of a second model: the weights are
   * in memory once (e.g. NanoDet's 15 MB of float32, and XNNPACK's packed copy of them).
   */
  sizeConstants?: (inputHeight: number, inputWidth: number) => tf.NamedTensorMap;
  /** The input tensor's shape for an input size (the layout: channels first or last). */
  inputShape: (inputHeight: number, inputWidth: number) => number[];
  /** The input tensor's data type. */
  inputDtype: "float32" | "int32";
  /** The graph nodes each run fetches, when not the graph's own outputs (warm-up runs the same plan). */
  outputs?: string[];
}

/** The loaded models of both orientations. */
export interface OrientedModels {
  /**
   * The model and input size for an image.
   * @param width Image width.
   * @param height Image height.
   * @returns The portrait input when the image is taller than wide, else the landscape one.
   */
  forImage(width: number, height: number): OrientedInput;
  /** Runs each orientation once on zeros (a graph's first run is several times slower: allocations). */
  warmUp(): void;
  /** Frees the models. */
  dispose(): void;
}

/**
 * Loads the landscape model and, unless the input is square, the graph takes any size or its
 * size constants can be fed, the portrait one.
 *
 * @param spec Input size, loader and input layout.
 * @returns Both orientations.
 * @example
 * ```ts
 * const models = await loadOrientedModels({ inputSize: [160, 224], load, anyInputSize: false, inputShape: (h, w) => [1, 3, h, w], inputDtype: "float32" });
 * const { execute, inputWidth, inputHeight } = models.forImage(image.width, image.height);
 * ```
 */
export async function loadOrientedModels(spec: OrientedModelsSpec): Promise<OrientedModels> {
  const [height, width] = spec.inputSize;
  const landscape = await spec.load(height, width);
  let portrait = landscape;
  let portraitFeeds: tf.NamedTensorMap | undefined;
  if (!spec.anyInputSize && height !== width) {
    try {
      if (spec.sizeConstants !== undefined) portraitFeeds = spec.sizeConstants(width, height);
      else portrait = await spec.load(width, height);
    } catch (error) {
      landscape.dispose();
      throw error;
    }
  }
  const inputName = landscape.inputs[0]?.name;
  const executor = (model: GraphModel, feeds: tf.NamedTensorMap | undefined): OrientedInput["execute"] =>
    feeds === undefined || inputName === undefined
      ? (input, outputs) => model.execute(input, outputs)
      : (input, outputs) => model.execute({ [inputName]: input, ...feeds }, outputs);
  const landscapeInput: OrientedInput = { execute: executor(landscape, undefined), inputWidth: width, inputHeight: height };
  const portraitInput: OrientedInput = { execute: executor(portrait, portraitFeeds), inputWidth: height, inputHeight: width };
  const runOnZeros = (oriented: OrientedInput): void => {
    const input = tf.zeros(spec.inputShape(oriented.inputHeight, oriented.inputWidth), spec.inputDtype);
    const output = oriented.execute(input, spec.outputs);
    tf.dispose([input, ...(Array.isArray(output) ? output : [output])]);
  };
  return {
    forImage(imageWidth, imageHeight) {
      return imageHeight > imageWidth ? portraitInput : landscapeInput;
    },
    warmUp() {
      runOnZeros(landscapeInput);
      if (height !== width) runOnZeros(portraitInput);
    },
    dispose() {
      landscape.dispose();
      if (portrait !== landscape) portrait.dispose();
      if (portraitFeeds !== undefined) tf.dispose(Object.values(portraitFeeds));
    },
  };
}
