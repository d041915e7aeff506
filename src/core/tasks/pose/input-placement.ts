/**
 * Where the image goes inside MoveNet's input: scaled to fit with its aspect kept and centred
 * (Lightning's centre prior expects the person near the middle), padded black. Keypoints come
 * back normalised to the whole input and are mapped back through the same placement.
 * @module
 */
import { fitLetterbox } from "../fit-letterbox.ts";

/** The scaled image's place inside the network input. */
export interface InputPlacement {
  inputWidth: number;
  inputHeight: number;
  /** The scaled image's offset and size inside the input, in input pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The original image size. */
  imageWidth: number;
  imageHeight: number;
}

/**
 * Scales an image to fit the input, keeping its aspect, and centres it.
 *
 * @param imageWidth Image width.
 * @param imageHeight Image height.
 * @param inputWidth Network input width.
 * @param inputHeight Network input height.
 * @returns The placement (integer offsets and sizes, at least 1 × 1).
 * @example
 * ```ts
 * centreInInput(240, 180, 160, 128); // { left: 0, top: 4, width: 160, height: 120, … }
 * ```
 */
export function centreInInput(imageWidth: number, imageHeight: number, inputWidth: number, inputHeight: number): InputPlacement {
  const { scaledWidth: width, scaledHeight: height } = fitLetterbox(imageWidth, imageHeight, inputWidth, inputHeight);
  return {
    inputWidth,
    inputHeight,
    left: Math.floor((inputWidth - width) / 2),
    top: Math.floor((inputHeight - height) / 2),
    width,
    height,
    imageWidth,
    imageHeight,
  };
}

/**
 * Converts a point normalised to the network input back to image pixels.
 *
 * @param yNorm y in 0–1 of the input height.
 * @param xNorm x in 0–1 of the input width.
 * @param placement Where the image sits in the input.
 * @returns `[x, y]` in image pixels.
 * @example
 * ```ts
 * inputPointToImage(0.5, 0.5, centreInInput(240, 180, 160, 128)); // [120, 90]
 * ```
 */
export function inputPointToImage(yNorm: number, xNorm: number, placement: InputPlacement): [number, number] {
  const p = placement;
  return [
    ((xNorm * p.inputWidth - p.left) * p.imageWidth) / p.width,
    ((yNorm * p.inputHeight - p.top) * p.imageHeight) / p.height,
  ];
}
