/**
 * A network with a fixed input size, loaded for landscape and portrait images: a portrait image
 * runs on the model of the transposed input size, so neither orientation is squeezed into the
 * other. Shared by the object detector and the pose estimator.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GraphModel } from "@tensorflow/tfjs-converter";

/** The model and input size one image runs on. */
export interface OrientedInput {
  model: GraphModel;
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
  /** The input tensor's shape for an input size (the layout: channels first or last). */
  inputShape: (inputHeight: number, inputWidth: number) => number[];
  /** The input tensor's data type. */
  inputDtype: "float32" | "int32";
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
 * Loads the landscape model and, unless the input is square or the graph takes any size, the
 * portrait one.
 *
 * @param spec Input size, loader and input layout.
 * @returns Both orientations.
 * @example
 * ```ts
 * const models = await loadOrientedModels({ inputSize: [160, 224], load, anyInputSize: false, inputShape: (h, w) => [1, 3, h, w], inputDtype: "float32" });
 * const { model, inputWidth, inputHeight } = models.forImage(image.width, image.height);
 * ```
 */
export async function loadOrientedModels(spec: OrientedModelsSpec): Promise<OrientedModels> {
  const [height, width] = spec.inputSize;
  const landscape = await spec.load(height, width);
  let portrait = landscape;
  if (!spec.anyInputSize && height !== width) {
    try {
      portrait = await spec.load(width, height);
    } catch (error) {
      landscape.dispose();
      throw error;
    }
  }
  const runOnZeros = (model: GraphModel, inputHeight: number, inputWidth: number): void => {
    const input = tf.zeros(spec.inputShape(inputHeight, inputWidth), spec.inputDtype);
    const output = model.execute(input);
    tf.dispose([input, ...(Array.isArray(output) ? output : [output])]);
  };
  return {
    forImage(imageWidth, imageHeight) {
      return imageHeight > imageWidth
        ? { model: portrait, inputWidth: height, inputHeight: width }
        : { model: landscape, inputWidth: width, inputHeight: height };
    },
    warmUp() {
      runOnZeros(landscape, height, width);
      if (height !== width) runOnZeros(portrait, width, height);
    },
    dispose() {
      landscape.dispose();
      if (portrait !== landscape) portrait.dispose();
    },
  };
}
