/**
 * Fitting an image into a fixed network input while keeping its aspect ratio (NanoDet puts the
 * scaled image top-left; MoveNet centres it, pose/input-placement.ts).
 * @module
 */

/** The scale and size of an image fitted into the network input. */
export interface Letterbox {
  /** Input pixels per image pixel. */
  scale: number;
  /** Size of the scaled image inside the input. */
  scaledWidth: number;
  scaledHeight: number;
}

/**
 * Computes the largest scale at which the image fits the input.
 *
 * @param imageWidth Image width in pixels.
 * @param imageHeight Image height in pixels.
 * @param inputWidth Network input width.
 * @param inputHeight Network input height.
 * @returns The scale and the scaled size (at least 1 × 1).
 * @example
 * ```ts
 * fitLetterbox(240, 180, 256, 192); // { scale: 1.0666…, scaledWidth: 256, scaledHeight: 192 }
 * ```
 */
export function fitLetterbox(imageWidth: number, imageHeight: number, inputWidth: number, inputHeight: number): Letterbox {
  const scale = Math.min(inputWidth / imageWidth, inputHeight / imageHeight);
  return {
    scale,
    scaledWidth: Math.max(1, Math.min(inputWidth, Math.round(imageWidth * scale))),
    scaledHeight: Math.max(1, Math.min(inputHeight, Math.round(imageHeight * scale))),
  };
}
