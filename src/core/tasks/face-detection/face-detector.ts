/**
 * The BlazeFace face detector: letterbox → WASM inference → decode → suppression → image pixels.
 * Each instance owns its model and buffers, so detectors with different settings can coexist.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Point, Rect } from "../geometry.ts";
import type { DetectedFace } from "./result.ts";
import { loadGraphModelFromFiles, type ReadModelFile } from "../../inference/model-files.ts";
import { createSsdAnchors } from "./anchors.ts";
import { compileGraph, type GraphNode } from "./blazeface-graph.ts";
import { fuseDetectionHeads } from "./blazeface-head-fusion.ts";
import { type FaceDetectionConfig, resolveFaceDetectionConfig, type ResolvedFaceDetectionConfig } from "./config.ts";
import { BLAZEFACE_KEYPOINTS, decodeDetections, type FaceCandidates } from "./decode-detections.ts";
import { letterbox, type LetterboxTransform, type RgbImage } from "./letterbox.ts";
import { BLAZEFACE_MODELS } from "./models.ts";
import { nonMaxSuppression } from "./non-max-suppression.ts";
import { syntheticFrame } from "../../image/synthetic-frame.ts";
import type { StageTimings } from "../../timing/stage-timings.ts";

/** Milliseconds spent in each stage of one `detect` call (filled when passed in). */
export type FaceDetectionTimings = StageTimings;

/** A loaded face detector. */
export interface FaceDetector {
  /** The settings in use, defaults filled in. */
  readonly config: Readonly<ResolvedFaceDetectionConfig>;
  /**
   * Finds faces, best score first.
   * @param image Packed RGB image.
   * @param timings When given, receives the time of each stage.
   */
  detect(image: RgbImage, timings?: FaceDetectionTimings): Promise<DetectedFace[]>;
  /**
   * Runs the detector before its first request (the factory does not; the engine calls this
   * through the task). V8 compiles the WASM kernels in tiers (a baseline first, optimised code
   * later, in the background) and the JS stages only once they are hot, so three runs on one small
   * image left the first real requests 2–3× slower (17–30 ms instead of ~8 ms for Bruce.jpg, whose
   * letterbox takes the box-filter path no warm-up run had taken, with fractional values where the
   * warm-up had only integers: `node --trace-deopt` showed the bailouts). Every letterbox path
   * (bilinear up- and down-scaling, box filter) is exercised, then post-processing with every
   * anchor as a candidate: ~21 inferences, about 0.2 s per detector.
   */
  warmUp(): void;
  /** Frees the model. */
  dispose(): void;
}

/**
 * Loads a BlazeFace model (call `warmUp()` before timing it). The WASM backend must be initialised first.
 *
 * @param deps `readModelFile` reads files under models/.
 * @param config Settings; defaults are filled into a copy.
 * @returns A {@link FaceDetector}.
 * @throws {RangeError} When a setting is out of range.
 * @example
 * ```ts
 * const detector = await createFaceDetector({ readModelFile }, { model: "full" });
 * const faces = await detector.detect(decodedImage);
 * ```
 */
export async function createFaceDetector(deps: { readModelFile: ReadModelFile }, config?: FaceDetectionConfig): Promise<FaceDetector> {
  const settings = Object.freeze(resolveFaceDetectionConfig(config));
  const spec = BLAZEFACE_MODELS[settings.model];
  const size = spec.anchors.inputSize;
  const anchors = createSsdAnchors(spec.anchors);
  const model = await loadGraphModelFromFiles(spec.file, deps.readModelFile);
  const { modelTopology } = JSON.parse(new TextDecoder().decode(await deps.readModelFile(spec.file))) as { modelTopology: { node: GraphNode[] } };
  // Faster than model.execute() on the same weights (see scripts/bench-engine.ts --compare-graph-model), with identical output (tests/face-detection/blazeface-graph.all-runtimes.test.ts).
  // The two detection heads of each scale run as one convolution (blazeface-head-fusion.ts; identical detections: tests/face-detection/blazeface-head-fusion.all-runtimes.test.ts).
  const heads = fuseDetectionHeads(modelTopology.node, model.weights, spec.outputNode);
  const graph = compileGraph(heads.nodes, heads.weights, "input", spec.outputNode);
  const inputBuffer = new Float32Array(size * size * 3);

  function infer(input: Float32Array): Float32Array {
    const output = tf.tidy(() => graph.execute(tf.tensor4d(input, [1, size, size, 3])));
    try {
      return output.dataSync() as Float32Array;
    } finally {
      output.dispose();
    }
  }

  const detector: FaceDetector = {
    config: settings,
    detect(image: RgbImage, timings?: FaceDetectionTimings): Promise<DetectedFace[]> {
      const t0 = performance.now();
      const { input, transform } = letterbox(image, size, inputBuffer);
      const t1 = performance.now();
      const raw = infer(input);
      const t2 = performance.now();
      const candidates = decodeDetections(raw, anchors, size, settings.minScore);
      const kept = nonMaxSuppression(candidates, settings.iouThreshold, settings.maxFaces, "weighted");
      const faces = toImageFaces(kept, transform, image, settings);
      if (timings) {
        timings.preprocessMs = t1 - t0;
        timings.inferenceMs = t2 - t1;
        timings.postprocessMs = performance.now() - t2;
      }
      return Promise.resolve(faces);
    },
    warmUp(): void {
      // Odd sizes on purpose: fractional scale steps and half-pixel padding give the letterbox loops
      // double-typed feedback (integer-only warm-up values made V8 deoptimise on the first real image).
      const frames = [syntheticFrame(31, 23), syntheticFrame(240, 180), syntheticFrame(205, 272), syntheticFrame(479, 641), syntheticFrame(241, 180)];
      for (let i = 0; i < 20; i++) void detector.detect(frames[i % frames.length]!);
      // Post-processing with every anchor as a candidate, so its loops are compiled before a request too.
      const frame = syntheticFrame(240, 180);
      const { input, transform } = letterbox(frame, size, inputBuffer);
      const everyAnchor = decodeDetections(infer(input), anchors, size, 0);
      for (let i = 0; i < 3; i++) toImageFaces(nonMaxSuppression(everyAnchor, settings.iouThreshold, settings.maxFaces, "weighted"), transform, frame, settings);
    },
    dispose(): void {
      heads.dispose();
      model.dispose();
    },
  };
  return detector;
}

/**
 * Maps normalised candidates back to integer pixels of the image: shifts each box centre by
 * `boxShiftY` × height, scales the box by `boxScale` around it and clips it to the image.
 * Landmarks are not shifted or clipped.
 *
 * @param faces Candidates in normalised coordinates of the letterboxed square.
 * @param transform The letterbox transform.
 * @param image Width and height of the image.
 * @param box Box calibration.
 * @returns Faces in image pixels (boxes that fall entirely in the padding are dropped).
 */
export function toImageFaces(
  faces: FaceCandidates,
  transform: LetterboxTransform,
  image: { width: number; height: number },
  box: { boxScale: number; boxShiftY: number },
): DetectedFace[] {
  const { side, padX, padY } = transform;
  const result: DetectedFace[] = [];
  for (let i = 0; i < faces.count; i++) {
    const x0 = (faces.boxes[i * 4] as number) * side - padX;
    const y0 = (faces.boxes[i * 4 + 1] as number) * side - padY;
    const x1 = (faces.boxes[i * 4 + 2] as number) * side - padX;
    const y1 = (faces.boxes[i * 4 + 3] as number) * side - padY;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2 + (y1 - y0) * box.boxShiftY;
    const halfW = ((x1 - x0) * box.boxScale) / 2, halfH = ((y1 - y0) * box.boxScale) / 2;
    const rect: Rect = [
      clamp(Math.round(cx - halfW), 0, image.width),
      clamp(Math.round(cy - halfH), 0, image.height),
      clamp(Math.round(cx + halfW), 0, image.width),
      clamp(Math.round(cy + halfH), 0, image.height),
    ];
    if (rect[2] <= rect[0] || rect[3] <= rect[1]) continue; // entirely in the padding
    const landmarks: Point[] = [];
    for (let k = 0; k < BLAZEFACE_KEYPOINTS; k++) {
      const base = (i * BLAZEFACE_KEYPOINTS + k) * 2;
      landmarks.push([(faces.keypoints[base] as number) * side - padX, (faces.keypoints[base + 1] as number) * side - padY]);
    }
    result.push({ rect, score: faces.scores[i] as number, landmarks });
  }
  return result;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
