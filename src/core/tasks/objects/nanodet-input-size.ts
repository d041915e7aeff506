/**
 * NanoDet-g is fully convolutional, but its ONNX → TF.js conversion baked the feature-map sizes
 * of a 416 × 416 input into four `ResizeBilinear` size constants and the input placeholder.
 * This module rewrites those constants in the loaded model artifacts so the same weights run at
 * any input size that is a multiple of 32 (smaller inputs are much faster). One loaded model
 * runs at a second size when that size's constants are fed with the input
 * ({@link nanoDetSizeConstants}): portrait and landscape share one set of weights.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { concatBuffers, storedBytesPerElement } from "../../inference/weight-data.ts";

/** The resize-size constants of the converted graph and the stride of the map each one produces. */
const RESIZE_SIZE_CONSTANTS: readonly { name: string; stride: number }[] = [
  { name: "PartitionedCall/Cast_1", stride: 16 }, // FPN top-down: stride 32 → 16
  { name: "PartitionedCall/Cast_3", stride: 8 }, // FPN top-down: stride 16 → 8
  { name: "PartitionedCall/Cast_5", stride: 16 }, // PAN bottom-up: stride 8 → 16
  { name: "PartitionedCall/Cast_7", stride: 32 }, // PAN bottom-up: stride 16 → 32
];

/**
 * Wraps an IOHandler so that the NanoDet graph it loads accepts `[1, 3, height, width]` inputs.
 *
 * @param base The handler that reads the original model (`models/objects/nanodet.json`).
 * @param height Input height in pixels, a positive multiple of 32.
 * @param width Input width in pixels, a positive multiple of 32.
 * @returns A handler whose artifacts carry the patched constants.
 * @throws {RangeError} When a size is not a positive multiple of 32.
 * @example
 * ```ts
 * const model = new GraphModel(withNanoDetInputSize(modelFileHandler("objects/nanodet.json", read), 192, 256));
 * await model.load();
 * ```
 */
export function withNanoDetInputSize(base: tf.io.IOHandler, height: number, width: number): tf.io.IOHandler {
  checkInputSize(height, width);
  const load = base.load;
  if (load === undefined) throw new TypeError("The model handler cannot load");
  return {
    load: async () => {
      const artifacts = await load.call(base);
      patchArtifacts(artifacts, height, width);
      return artifacts;
    },
  };
}

/**
 * The resize-size constants of `[1, 3, height, width]` inputs, keyed by node name. Fed to
 * `model.execute` next to the input, they run a model loaded for another size at this one
 * (TF.js takes fed tensors before the model's own constants). The caller disposes them.
 *
 * @param height Input height in pixels, a positive multiple of 32.
 * @param width Input width in pixels, a positive multiple of 32.
 * @returns One int32 `[rows, columns]` tensor per constant.
 * @throws {RangeError} When a size is not a positive multiple of 32.
 * @example
 * ```ts
 * const portrait = nanoDetSizeConstants(224, 160);
 * model.execute({ [model.inputs[0].name]: input, ...portrait }, outputNames);
 * ```
 */
export function nanoDetSizeConstants(height: number, width: number): tf.NamedTensorMap {
  checkInputSize(height, width);
  return Object.fromEntries(RESIZE_SIZE_CONSTANTS.map(({ name, stride }) => [name, tf.tensor1d([height / stride, width / stride], "int32")]));
}

function checkInputSize(height: number, width: number): void {
  for (const size of [height, width]) {
    if (!Number.isInteger(size) || size <= 0 || size % 32 !== 0) {
      throw new RangeError(`NanoDet input size must be a positive multiple of 32, got "${size}"`);
    }
  }
}

function patchArtifacts(artifacts: tf.io.ModelArtifacts, height: number, width: number): void {
  const specs = artifacts.weightSpecs ?? [];
  if (artifacts.weightData === undefined) throw new TypeError("The model artifacts carry no weights");
  const data = Array.isArray(artifacts.weightData) ? concatBuffers(artifacts.weightData) : artifacts.weightData;
  artifacts.weightData = data;
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const spec of specs) {
    offsets.set(spec.name, offset);
    offset += spec.shape.reduce((a, b) => a * b, 1) * storedBytesPerElement(spec);
  }
  for (const { name, stride } of RESIZE_SIZE_CONSTANTS) {
    const at = offsets.get(name);
    const spec = specs.find((s) => s.name === name);
    if (at === undefined || spec?.dtype !== "int32" || spec.quantization !== undefined) {
      throw new TypeError(`The NanoDet graph has no int32 constant "${name}"; is this the NanoDet-g model?`);
    }
    const view = new DataView(data, at, 8); // may be unaligned after 8-bit quantised weights
    view.setInt32(0, height / stride, true);
    view.setInt32(4, width / stride, true);
  }
  const input = (artifacts.modelTopology as { node?: { op: string; attr?: Record<string, unknown> }[] } | undefined)
    ?.node?.find((node) => node.op === "Placeholder");
  if (input?.attr !== undefined) {
    // Any height and width: the constants decide the size (another size's are fed at run time).
    input.attr.shape = { shape: { dim: [{ size: "1" }, { size: "3" }, { size: "-1" }, { size: "-1" }] } };
  }
}
