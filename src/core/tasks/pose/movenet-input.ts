/**
 * Pre-processing for MoveNet in one pass over the input: the image scaled bilinearly (half-pixel
 * centres, as `tf.image.resizeBilinear(…, halfPixelCenters)`; ../bilinear-rows.ts) into its placement, black around
 * it, rounded to int32 RGB. Only the input is allocated, whatever the image size.
 * @module
 */
import type { DecodedImage } from "../../image/decoded-image.ts";
import { bilinearRows } from "../bilinear-rows.ts";
import type { InputPlacement } from "./input-placement.ts";

/**
 * Builds MoveNet's `[1, inputHeight, inputWidth, 3]` int32 input.
 *
 * @param image Packed RGB.
 * @param placement Where the scaled image goes (from `centreInInput`).
 * @returns Row-major RGB values 0–255.
 * @example
 * ```ts
 * const placement = centreInInput(image.width, image.height, 160, 128);
 * const input = tf.tensor4d(moveNetInput(image, placement), [1, 128, 160, 3], "int32");
 * ```
 */
export function moveNetInput(image: DecodedImage, placement: InputPlacement): Int32Array {
  const { inputWidth, left, top, width, height } = placement;
  const out = new Int32Array(inputWidth * placement.inputHeight * 3);
  const sampleRow = bilinearRows(image, width, height);
  const row = new Float64Array(width * 3);
  for (let y = 0; y < height; y++) {
    sampleRow(y, row);
    const at = ((top + y) * inputWidth + left) * 3;
    for (let i = 0; i < row.length; i++) out[at + i] = Math.round(row[i] as number);
  }
  return out;
}
