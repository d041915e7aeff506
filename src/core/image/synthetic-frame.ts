/**
 * Synthetic RGB frames for warming up detectors before their first request.
 * @module
 */
import type { DecodedImage } from "./decoded-image.ts";

/**
 * A frame of the given size whose pixels vary (the values only need to be varied, not realistic).
 *
 * @param width Width in pixels.
 * @param height Height in pixels.
 * @returns Packed RGB, as a decoder returns it.
 */
export function syntheticFrame(width: number, height: number): DecodedImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 9) * 13) & 255;
  return { width, height, data };
}
