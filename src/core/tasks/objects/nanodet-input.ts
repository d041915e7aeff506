/**
 * Pre-processing for NanoDet in one pass over the pixels: bilinear scaling (half-pixel centres,
 * as `tf.image.resizeBilinear(…, halfPixelCenters)`), RGB → BGR, NanoDet's mean/std
 * normalisation, channels-first layout, and padding right/bottom with zeros (the mean colour).
 * One JavaScript loop is several times cheaper than the equivalent chain of tensor ops.
 * @module
 */
import type { DecodedImage } from "../../image/decoded-image.ts";
import type { Letterbox } from "./letterbox.ts";

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
  const { width, height, data } = image;
  const sx = width / box.scaledWidth;
  const sy = height / box.scaledHeight;
  const scale = [1 / NANODET_STD_BGR[0], 1 / NANODET_STD_BGR[1], 1 / NANODET_STD_BGR[2]];
  // Horizontal taps once per output column.
  const x0s = new Int32Array(box.scaledWidth);
  const x1s = new Int32Array(box.scaledWidth);
  const fxs = new Float32Array(box.scaledWidth);
  for (let x = 0; x < box.scaledWidth; x++) {
    const fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    const x0 = Math.floor(fx);
    x0s[x] = x0 * 3;
    x1s[x] = Math.min(width - 1, x0 + 1) * 3;
    fxs[x] = fx - x0;
  }
  for (let y = 0; y < box.scaledHeight; y++) {
    const fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const row0 = y0 * width * 3;
    const row1 = Math.min(height - 1, y0 + 1) * width * 3;
    const at = y * inputWidth;
    for (let x = 0; x < box.scaledWidth; x++) {
      const a = row0 + (x0s[x] as number);
      const b = row0 + (x1s[x] as number);
      const c = row1 + (x0s[x] as number);
      const d = row1 + (x1s[x] as number);
      const wx = fxs[x] as number;
      for (let channel = 0; channel < 3; channel++) {
        const top = (data[a + channel] as number) + ((data[b + channel] as number) - (data[a + channel] as number)) * wx;
        const bottom = (data[c + channel] as number) + ((data[d + channel] as number) - (data[c + channel] as number)) * wx;
        const value = top + (bottom - top) * wy;
        const bgr = 2 - channel; // R → plane 2, G → 1, B → 0
        out[bgr * plane + at + x] = (value - (NANODET_MEAN_BGR[bgr] as number)) * (scale[bgr] as number);
      }
    }
  }
  return out;
}
