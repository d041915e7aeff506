/**
 * Pre-processing for NanoDet in one pass over the pixels: bilinear scaling (half-pixel centres,
 * as `tf.image.resizeBilinear(…, halfPixelCenters)`; ../bilinear-rows.ts), RGB → BGR, NanoDet's mean/std
 * normalisation, channels-first layout, and padding right/bottom with zeros (the mean colour).
 * One JavaScript loop is several times cheaper than the equivalent chain of tensor ops.
 * @module
 */
import type { DecodedImage } from "../../image/decoded-image.ts";
import { bilinearRows } from "../bilinear-rows.ts";
import type { Letterbox } from "../fit-letterbox.ts";

/** NanoDet's training normalisation, in BGR order. */
export const NANODET_MEAN_BGR: readonly [number, number, number] = [103.53, 116.28, 123.675];
export const NANODET_STD_BGR: readonly [number, number, number] = [57.375, 57.12, 58.395];

/**
 * Builds NanoDet's `[1, 3, inputHeight, inputWidth]` input.
 *
 * @param image Packed RGB.
 * @param inputWidth Network input width.
 * @param inputHeight Network input height.
 * @param box Where the scaled image goes (from `fitLetterbox`).
 * @returns Channels-first BGR values, normalised.
 * @example
 * ```ts
 * const data = nanoDetInput(image, 224, 160, fitLetterbox(image.width, image.height, 224, 160));
 * const input = tf.tensor4d(data, [1, 3, 160, 224]);
 * ```
 */
export function nanoDetInput(image: DecodedImage, inputWidth: number, inputHeight: number, box: Letterbox): Float32Array {
  const plane = inputWidth * inputHeight;
  const out = new Float32Array(3 * plane);
  const scale = [1 / NANODET_STD_BGR[0], 1 / NANODET_STD_BGR[1], 1 / NANODET_STD_BGR[2]];
  const sampleRow = bilinearRows(image, box.scaledWidth, box.scaledHeight);
  const row = new Float64Array(box.scaledWidth * 3);
  for (let y = 0; y < box.scaledHeight; y++) {
    sampleRow(y, row);
    const at = y * inputWidth;
    for (let x = 0; x < box.scaledWidth; x++) {
      for (let channel = 0; channel < 3; channel++) {
        const bgr = 2 - channel; // R → plane 2, G → 1, B → 0
        out[bgr * plane + at + x] = ((row[x * 3 + channel] as number) - (NANODET_MEAN_BGR[bgr] as number)) * (scale[bgr] as number);
      }
    }
  }
  return out;
}
