/**
 * Pre-processing for MoveNet in one pass over the input: the image scaled bilinearly (half-pixel
 * centres, as `tf.image.resizeBilinear(…, halfPixelCenters)`) into its placement, black around
 * it, rounded to int32 RGB. Only the input is allocated, whatever the image size.
 * @module
 */
import type { DecodedImage } from "../../image/decoded-image.ts";
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
  const { data } = image;
  const sx = image.width / width;
  const sy = image.height / height;
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const wxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    const x0 = Math.floor(fx);
    x0s[x] = x0 * 3;
    x1s[x] = Math.min(image.width - 1, x0 + 1) * 3;
    wxs[x] = fx - x0;
  }
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const row0 = y0 * image.width * 3;
    const row1 = Math.min(image.height - 1, y0 + 1) * image.width * 3;
    let at = ((top + y) * inputWidth + left) * 3;
    for (let x = 0; x < width; x++) {
      const a = row0 + (x0s[x] as number);
      const b = row0 + (x1s[x] as number);
      const c = row1 + (x0s[x] as number);
      const d = row1 + (x1s[x] as number);
      const wx = wxs[x] as number;
      for (let channel = 0; channel < 3; channel++) {
        const upper = (data[a + channel] as number) + ((data[b + channel] as number) - (data[a + channel] as number)) * wx;
        const lower = (data[c + channel] as number) + ((data[d + channel] as number) - (data[c + channel] as number)) * wx;
        out[at++] = Math.round(upper + (lower - upper) * wy);
      }
    }
  }
  return out;
}
