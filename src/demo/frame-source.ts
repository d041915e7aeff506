/**
 * Where frames come from: the camera (a playing video element) or a still image file.
 * @module
 */

/** A source of frames with its intrinsic size. */
export interface FrameSource {
  kind: "camera" | "image";
  element: CanvasImageSource;
  width: number;
  height: number;
  /** Stops the camera; no-op for images. */
  stop(): void;
}

/**
 * Opens the camera.
 *
 * @returns A camera source.
 * @throws {Error} When there is no camera or permission is refused.
 */
export async function openCamera(): Promise<FrameSource> {
  if (navigator.mediaDevices?.getUserMedia === undefined) throw new Error("This browser gives no camera access here");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  return {
    kind: "camera",
    element: video,
    get width() {
      return video.videoWidth;
    },
    get height() {
      return video.videoHeight;
    },
    stop: () => {
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

/**
 * Decodes an image file into a source.
 *
 * @param file A JPEG or PNG file.
 * @returns An image source.
 * @throws {Error} When the browser cannot decode the file.
 */
export async function openImageFile(file: Blob): Promise<FrameSource> {
  const bitmap = await createImageBitmap(file);
  return { kind: "image", element: bitmap, width: bitmap.width, height: bitmap.height, stop: () => bitmap.close() };
}
