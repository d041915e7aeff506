/**
 * Bilinear scaling of packed RGB, one output row at a time, with half-pixel centres (as
 * `tf.image.resizeBilinear(…, halfPixelCenters)`). The tasks' input builders (NanoDet, MoveNet)
 * take each row and write it in their own layout; the horizontal taps are computed once.
 * @module
 */
import type { DecodedImage } from "../image/decoded-image.ts";

/**
 * Fills `row` with output row `y`: `width × 3` RGB values, unrounded.
 * @param y Output row, `0 ≤ y < height`.
 * @param row Receives the values (length at least `width × 3`).
 */
export type SampleRow = (y: number, row: Float64Array) => void;

/**
 * Prepares the scaling of `image` to `width × height`.
 *
 * @param image Packed RGB.
 * @param width Output width (≥ 1).
 * @param height Output height (≥ 1).
 * @returns The row sampler.
 * @example
 * ```ts
 * const sampleRow = bilinearRows(image, 224, 160);
 * const row = new Float64Array(224 * 3);
 * for (let y = 0; y < 160; y++) { sampleRow(y, row); ... }
 * ```
 */
export function bilinearRows(image: DecodedImage, width: number, height: number): SampleRow {
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
  return (y, row) => {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const row0 = y0 * image.width * 3;
    const row1 = Math.min(image.height - 1, y0 + 1) * image.width * 3;
    let at = 0;
    for (let x = 0; x < width; x++) {
      const a = row0 + (x0s[x] as number);
      const b = row0 + (x1s[x] as number);
      const c = row1 + (x0s[x] as number);
      const d = row1 + (x1s[x] as number);
      const wx = wxs[x] as number;
      for (let channel = 0; channel < 3; channel++) {
        const upper = (data[a + channel] as number) + ((data[b + channel] as number) - (data[a + channel] as number)) * wx;
        const lower = (data[c + channel] as number) + ((data[d + channel] as number) - (data[c + channel] as number)) * wx;
        row[at++] = upper + (lower - upper) * wy;
      }
    }
  };
}
