/**
 * Bilinear resampling of an aligned face crop straight from the packed RGB buffer, normalised for
 * the embedding network in the same pass (no intermediate image, no tensors).
 * @module
 */
import type { DecodedImage } from "../../image/mod.ts";
import type { ChipTransform } from "./face-chip-geometry.ts";

/** Output size and per-channel normalisation `(value − mean) / divisor`. */
export interface ChipSampling {
  size: number;
  meanRgb: readonly [number, number, number];
  divisor: number;
}

/**
 * Samples a `size × size` crop through `transform` (crop → image coordinates) with bilinear
 * interpolation. When the face is much larger than the crop, each crop pixel averages an n × n
 * grid of bilinear samples (n = ⌈scale⌉) so fine detail does not alias. Pixels outside the image
 * are black, as in dlib's `extract_image_chip`.
 *
 * @param image Packed RGB source.
 * @param transform Crop → image similarity transform (see `fitChipTransform`).
 * @param sampling Crop size and normalisation.
 * @param out Optional destination of length `size·size·3` to reuse between calls.
 * @returns HWC float32 crop, normalised.
 */
export function extractFaceChip(image: DecodedImage, transform: ChipTransform, sampling: ChipSampling, out?: Float32Array): Float32Array {
  const { size, meanRgb, divisor } = sampling;
  const chip = out ?? new Float32Array(size * size * 3);
  const { width, height, data } = image;
  const { a, b, tx, ty } = transform;
  const [mr, mg, mb] = meanRgb;
  const inv = 1 / divisor;
  const stride = width * 3;
  const taps = Math.max(1, Math.min(8, Math.ceil(Math.hypot(a, b) - 0.5)));
  const tapWeight = 1 / (taps * taps);
  const rgb = [0, 0, 0];
  let o = 0;
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      let r = 0, g = 0, bl = 0;
      for (let j = 0; j < taps; j++) {
        for (let i = 0; i < taps; i++) {
          // Crop pixel (u, v) covers [u, u+1); sample at the centres of its taps × taps sub-cells.
          // Image pixel centres are at index + 0.5.
          const uc = u + (i + 0.5) / taps, vc = v + (j + 0.5) / taps;
          sampleBilinear(data, width, height, stride, a * uc - b * vc + tx - 0.5, b * uc + a * vc + ty - 0.5, rgb);
          r += rgb[0]!;
          g += rgb[1]!;
          bl += rgb[2]!;
        }
      }
      chip[o++] = (r * tapWeight - mr) * inv;
      chip[o++] = (g * tapWeight - mg) * inv;
      chip[o++] = (bl * tapWeight - mb) * inv;
    }
  }
  return chip;
}

/** Bilinear RGB at image position (x, y) (pixel centres at integers) into `out`; black outside. */
function sampleBilinear(data: Uint8Array, width: number, height: number, stride: number, x: number, y: number, out: number[]): void {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  let r = 0, g = 0, b = 0;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
    const p00 = y0 * stride + x0 * 3, p01 = p00 + 3, p10 = p00 + stride, p11 = p10 + 3;
    const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
    r = data[p00]! * w00 + data[p01]! * w01 + data[p10]! * w10 + data[p11]! * w11;
    g = data[p00 + 1]! * w00 + data[p01 + 1]! * w01 + data[p10 + 1]! * w10 + data[p11 + 1]! * w11;
    b = data[p00 + 2]! * w00 + data[p01 + 2]! * w01 + data[p10 + 2]! * w10 + data[p11 + 2]! * w11;
  } else if (x0 >= -1 && y0 >= -1 && x0 < width && y0 < height) {
    // Along the border: weight only the corners that exist (the rest are black).
    for (let dy = 0; dy <= 1; dy++) {
      const yy = y0 + dy;
      if (yy < 0 || yy >= height) continue;
      const wy = dy === 0 ? 1 - fy : fy;
      for (let dx = 0; dx <= 1; dx++) {
        const xx = x0 + dx;
        if (xx < 0 || xx >= width) continue;
        const w = wy * (dx === 0 ? 1 - fx : fx);
        const p = yy * stride + xx * 3;
        r += data[p]! * w;
        g += data[p + 1]! * w;
        b += data[p + 2]! * w;
      }
    }
  }
  out[0] = r;
  out[1] = g;
  out[2] = b;
}
