/**
 * MoveNet SinglePose Lightning's backbone is fully convolutional, but its TF.js graph bakes the
 * 48 × 48 heat-map grid of a 192 × 192 input into constants: the three FPN up-sampling sizes,
 * the row/column index grids, the centre prior `1 / (distance to the grid centre + 1.8)`, the
 * divisor that turns a flat arg-max into (row, column), and the 1/48 coordinate scale. This
 * module rewrites those constants in the loaded artifacts for any input whose sides are
 * multiples of 32 (the grid is the input / 4), so a smaller input runs proportionally faster.
 * @module
 */
import type * as tf from "@tensorflow/tfjs-core";
import { concatBuffers, storedBytesPerElement } from "../../inference/weight-data.ts";

const PREFIX = "StatefulPartitionedCall/";
const FPN = `${PREFIX}center_net_mobile_net_v2fpn_feature_extractor/model_1/`;

/** A replacement value for one weight. */
interface Replacement {
  dtype: "float32" | "int32";
  shape: number[];
  values: number[];
}

/**
 * The constants of a `rows × columns` heat-map grid.
 *
 * @param rows Grid rows (input height / 4).
 * @param columns Grid columns (input width / 4).
 * @returns Replacement values by weight name.
 */
export function lightningGridConstants(rows: number, columns: number): Map<string, Replacement> {
  const cells = rows * columns;
  const rowIndex: number[] = [];
  const columnIndex: number[] = [];
  const centrePrior: number[] = [];
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      rowIndex.push(y);
      columnIndex.push(x);
      centrePrior.push(1 / (Math.hypot(y - rows / 2, x - columns / 2) + 1.8));
    }
  }
  const int = (values: number[], shape: number[] = [values.length]): Replacement => ({ dtype: "int32", shape, values });
  const float = (values: number[], shape: number[]): Replacement => ({ dtype: "float32", shape, values });
  const replacements = new Map<string, Replacement>([
    [`${FPN}up_sampling2d/mul`, int([rows / 4, columns / 4])],
    [`${FPN}up_sampling2d_1/mul`, int([rows / 2, columns / 2])],
    [`${FPN}up_sampling2d_2/mul`, int([rows, columns])],
    [`${PREFIX}floordiv/y`, int([columns], [])],
    [`${PREFIX}mul/y`, int([columns], [])],
    [`${PREFIX}floordiv_1/y`, int([columns], [])],
    [`${PREFIX}mul_1/y`, int([columns], [])],
    [`${PREFIX}strided_slice_3`, float(rowIndex, [rows, columns, 1])],
    [`${PREFIX}strided_slice_4`, float(columnIndex, [rows, columns, 1])],
    [`ConstantFolding/${PREFIX}truediv_2_recip`, float(centrePrior, [rows, columns, 1])],
    [`${PREFIX}Reshape_13`, float([1 / rows, 1 / columns], [1, 1, 1, 2])],
  ]);
  if (!Number.isInteger(rows / 4) || !Number.isInteger(columns / 4) || cells === 0) {
    throw new RangeError(`The grid must be a positive multiple of 8 per side, got "${rows}x${columns}"`);
  }
  return replacements;
}

/**
 * Wraps an IOHandler so that the MoveNet Lightning graph it loads accepts `[1, height, width, 3]`.
 *
 * @param base The handler that reads `models/pose/movenet-lightning.json`.
 * @param height Input height, a positive multiple of 32.
 * @param width Input width, a positive multiple of 32.
 * @returns A handler whose artifacts carry the rewritten constants.
 * @throws {RangeError} When a size is not a positive multiple of 32.
 * @example
 * ```ts
 * const model = new GraphModel(withMoveNetLightningInputSize(modelFileHandler("pose/movenet-lightning.json", read), 160, 160));
 * await model.load();
 * ```
 */
export function withMoveNetLightningInputSize(base: tf.io.IOHandler, height: number, width: number): tf.io.IOHandler {
  for (const size of [height, width]) {
    if (!Number.isInteger(size) || size <= 0 || size % 32 !== 0) {
      throw new RangeError(`MoveNet Lightning input size must be a positive multiple of 32, got "${size}"`);
    }
  }
  const load = base.load;
  if (load === undefined) throw new TypeError("The model handler cannot load");
  return {
    load: async () => {
      const artifacts = await load.call(base);
      if (height === 192 && width === 192) return artifacts;
      rewriteWeights(artifacts, lightningGridConstants(height / 4, width / 4));
      const input = (artifacts.modelTopology as { node?: { op: string; attr?: Record<string, unknown> }[] } | undefined)
        ?.node?.find((node) => node.op === "Placeholder");
      if (input?.attr !== undefined) {
        input.attr.shape = { shape: { dim: [{ size: "1" }, { size: String(height) }, { size: String(width) }, { size: "3" }] } };
      }
      return artifacts;
    },
  };
}

/** Rebuilds the weight buffer with `replacements` stored as plain (unquantised) values. */
function rewriteWeights(artifacts: tf.io.ModelArtifacts, replacements: Map<string, Replacement>): void {
  const specs = artifacts.weightSpecs ?? [];
  const source = artifacts.weightData;
  if (source === undefined) throw new TypeError("The model artifacts carry no weights");
  const data = new Uint8Array(Array.isArray(source) ? concatBuffers(source) : source);
  const parts: Uint8Array[] = [];
  const newSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    const length = spec.shape.reduce((a, b) => a * b, 1) * storedBytesPerElement(spec);
    const replacement = replacements.get(spec.name);
    if (replacement === undefined) {
      parts.push(data.subarray(offset, offset + length));
      newSpecs.push(spec);
    } else {
      const typed = replacement.dtype === "int32" ? Int32Array.from(replacement.values) : Float32Array.from(replacement.values);
      parts.push(new Uint8Array(typed.buffer));
      newSpecs.push({ name: spec.name, shape: replacement.shape, dtype: replacement.dtype });
      replacements.delete(spec.name);
    }
    offset += length;
  }
  if (replacements.size > 0) {
    throw new TypeError(`The graph lacks "${[...replacements.keys()].join('", "')}"; is this MoveNet SinglePose Lightning?`);
  }
  artifacts.weightSpecs = newSpecs;
  artifacts.weightData = concatBuffers(parts.map((p) => p.slice().buffer));
}
