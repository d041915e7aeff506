/**
 * Face detection with MediaPipe Tasks' `FaceDetector` (`@mediapipe/tasks-vision`), browser only:
 * MediaPipe always passes images through WebGL, even on its CPU delegate, so it cannot run on the
 * servers (google-ai-edge/mediapipe#4800). The model is the same BlazeFace short-range network the
 * TF.js engine runs, from `@mediapipe/face_detection`, with the Tasks metadata added at build time
 * (scripts/mediapipe/). Boxes go through the engine's own calibration ({@link toImageFaces}) so
 * replies match the TF.js detector's and the server's.
 * @module
 */
import type { FaceDetector as MediapipeFaceDetector } from "@mediapipe/tasks-vision";
import type { FaceDetectionResult } from "../../core/engine/types.ts";
import { DEFAULT_FACE_DETECTION_CONFIG } from "../../core/tasks/face-detection/config.ts";
import { toImageFaces } from "../../core/tasks/face-detection/face-detector.ts";

/** Where MediaPipe runs the network: `"GPU"` (WebGL2) or `"CPU"` (XNNPACK WASM). */
export type MediapipeDelegate = "GPU" | "CPU";

/** Options of {@link createMediapipeFaceDetector}. */
export interface MediapipeFaceDetectorOptions {
  /** URL of the folder holding `vision_wasm_internal.js` and `.wasm` (e.g. `/static/mediapipe/wasm`). */
  wasmUrl: string;
  /** URL of the BlazeFace `.tflite` with Tasks metadata. */
  modelUrl: string;
  delegate: MediapipeDelegate;
}

/** A loaded MediaPipe face detector. */
export interface MediapipeFaceDetection {
  readonly delegate: MediapipeDelegate;
  /**
   * Detects faces in encoded image bytes (JPEG/PNG, decoded by the browser).
   * @throws {Error} When the bytes are not a decodable image.
   */
  detect(image: Uint8Array): Promise<FaceDetectionResult>;
  dispose(): void;
}

/**
 * Loads MediaPipe's FaceDetector (the Tasks bundle is fetched on first call, as its own chunk).
 *
 * @param options WASM folder, model URL and delegate.
 * @returns The detector, with one warm-up run done (the first run compiles shaders).
 * @throws {Error} When the delegate cannot start (e.g. `"GPU"` without WebGL2).
 * @example
 * ```ts
 * const mp = await createMediapipeFaceDetector({ wasmUrl: "/static/mediapipe/wasm", modelUrl: "/static/mediapipe/face_detection_short_range.tflite", delegate: "GPU" });
 * const { faces } = await mp.detect(jpegBytes);
 * ```
 */
export async function createMediapipeFaceDetector(options: MediapipeFaceDetectorOptions): Promise<MediapipeFaceDetection> {
  const { FaceDetector, FilesetResolver } = await import("@mediapipe/tasks-vision");
  const fileset = await FilesetResolver.forVisionTasks(new URL(options.wasmUrl, location.href).href);
  const config = DEFAULT_FACE_DETECTION_CONFIG;
  const detector: MediapipeFaceDetector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: options.modelUrl, delegate: options.delegate },
    runningMode: "IMAGE",
    minDetectionConfidence: config.minScore,
    minSuppressionThreshold: config.iouThreshold,
  });
  const warmUp = new ImageData(64, 48);
  detector.detect(warmUp);

  return {
    delegate: options.delegate,
    detect: async (image) => {
      const bitmap = await createImageBitmap(new Blob([image as Uint8Array<ArrayBuffer>]));
      try {
        const started = performance.now();
        const { detections } = detector.detect(bitmap);
        const faces = toImageFaces(
          mediapipeCandidates(detections, bitmap.width, bitmap.height),
          { side: 1, padX: 0, padY: 0 }, // candidates are already in image pixels
          bitmap,
          config,
        ).sort((a, b) => b.score - a.score).slice(0, config.maxFaces);
        return { task: "face-detection", processingMs: performance.now() - started, faces };
      } finally {
        bitmap.close();
      }
    },
    dispose: () => detector.close(),
  };
}

type Detection = ReturnType<MediapipeFaceDetector["detect"]>["detections"][number];

/** MediaPipe detections (pixel boxes, normalised keypoints) as pixel-space candidates. */
function mediapipeCandidates(detections: Detection[], width: number, height: number) {
  const count = detections.length;
  const boxes = new Float32Array(count * 4);
  const scores = new Float32Array(count);
  const keypoints = new Float32Array(count * 12);
  detections.forEach((d, i) => {
    const box = d.boundingBox!;
    boxes.set([box.originX, box.originY, box.originX + box.width, box.originY + box.height], i * 4);
    scores[i] = d.categories[0]?.score ?? 0;
    (d.keypoints ?? []).slice(0, 6).forEach((k, j) => keypoints.set([k.x * width, k.y * height], (i * 6 + j) * 2));
  });
  return { count, boxes, scores, keypoints };
}
