/**
 * Frames as the MobiledgeX clients send them: scaled to 240×180 (180×240 for portrait
 * sources) and encoded as JPEG (the web demo uses quality 0.9).
 * @module
 */

/** Width and height of a frame to send. */
export interface FrameSize {
  width: number;
  height: number;
}

/** JPEG quality of the reference web demo. */
export const JPEG_QUALITY = 0.9;

/**
 * The send size for a source: 240×180 for landscape or square, 180×240 for portrait.
 *
 * @param sourceWidth Source width in pixels.
 * @param sourceHeight Source height in pixels.
 * @returns The frame size.
 */
export function sendSizeFor(sourceWidth: number, sourceHeight: number): FrameSize {
  return sourceWidth >= sourceHeight ? { width: 240, height: 180 } : { width: 180, height: 240 };
}

/**
 * Draws `source` into `frame` at the send size (centre crop to 4:3 so nothing is stretched)
 * and encodes it as JPEG.
 *
 * @param source A video element, image bitmap or image.
 * @param sourceWidth Intrinsic width of the source.
 * @param sourceHeight Intrinsic height of the source.
 * @param frame The canvas that receives the scaled frame (kept for drawing results on).
 * @returns The JPEG bytes.
 * @throws {Error} When the canvas cannot encode.
 */
export async function captureJpegFrame(
  source: CanvasImageSource,
  sourceWidth: number,
  sourceHeight: number,
  frame: HTMLCanvasElement,
): Promise<Uint8Array> {
  const size = sendSizeFor(sourceWidth, sourceHeight);
  frame.width = size.width;
  frame.height = size.height;
  const scale = Math.max(size.width / sourceWidth, size.height / sourceHeight);
  const cropWidth = size.width / scale;
  const cropHeight = size.height / scale;
  const context = frame.getContext("2d");
  if (context === null) throw new Error("Canvas 2D is not available");
  context.drawImage(source, (sourceWidth - cropWidth) / 2, (sourceHeight - cropHeight) / 2, cropWidth, cropHeight, 0, 0, size.width, size.height);
  const blob = await new Promise<Blob | null>((resolve) => frame.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
  if (blob === null) throw new Error("The canvas could not encode a JPEG");
  return new Uint8Array(await blob.arrayBuffer());
}
