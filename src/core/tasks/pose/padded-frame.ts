/**
 * MoveNet wants the image padded to the aspect ratio of its input (a square for Lightning),
 * centred so that Lightning's centre prior matches the image centre. Keypoints come back
 * normalised to that padded frame.
 * @module
 */

/** Where the image sits inside its padded frame, all in image pixels. */
export interface PaddedFrame {
  width: number;
  height: number;
  /** Padding left of and above the image. */
  left: number;
  top: number;
}

/**
 * The smallest frame with the input's aspect ratio that holds the image, with the image centred.
 *
 * @param width Image width.
 * @param height Image height.
 * @param inputWidth Network input width.
 * @param inputHeight Network input height.
 * @returns Frame size and the image's offset inside it (integers).
 * @example
 * ```ts
 * paddedFrame(180, 240, 192, 192); // { width: 240, height: 240, left: 30, top: 0 }
 * ```
 */
export function paddedFrame(width: number, height: number, inputWidth: number, inputHeight: number): PaddedFrame {
  const aspect = inputWidth / inputHeight;
  const frameWidth = Math.max(width, Math.ceil(height * aspect));
  const frameHeight = Math.max(height, Math.ceil(frameWidth / aspect));
  return {
    width: frameWidth,
    height: frameHeight,
    left: Math.floor((frameWidth - width) / 2),
    top: Math.floor((frameHeight - height) / 2),
  };
}

/**
 * Converts a point normalised to the frame back to image pixels.
 *
 * @param yNorm y in 0–1 of the frame height.
 * @param xNorm x in 0–1 of the frame width.
 * @param frame The padded frame.
 * @returns `[x, y]` in image pixels.
 * @example
 * ```ts
 * framePointToImage(0.5, 0.5, { width: 240, height: 240, left: 30, top: 0 }); // [90, 120]
 * ```
 */
export function framePointToImage(yNorm: number, xNorm: number, frame: PaddedFrame): [number, number] {
  return [xNorm * frame.width - frame.left, yNorm * frame.height - frame.top];
}
