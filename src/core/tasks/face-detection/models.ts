/**
 * The BlazeFace variants EdgeVision ships (files under models/, see models/manifest.json).
 * @module
 */
import { type AnchorSpec, FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS } from "./anchors.ts";
import type { FaceDetectionModel } from "./config.ts";

/** How to load and read one BlazeFace graph model. */
export interface BlazeFaceModelSpec {
  /** Model JSON, relative to models/. */
  file: string;
  /** Anchor layout (and model input size). */
  anchors: AnchorSpec;
  /** Graph node holding the `[1, anchors, 17]` detections. */
  outputNode: string;
}

/** The model of each {@link FaceDetectionModel} setting. */
export const BLAZEFACE_MODELS: Readonly<Record<FaceDetectionModel, BlazeFaceModelSpec>> = {
  short: { file: "face-detection/facemesh-detection-short.json", anchors: SHORT_RANGE_ANCHORS, outputNode: "Identity" },
  // `Identity_1` has the same shape but belongs to another head and scores wrongly.
  full: { file: "face-detection/facemesh-detection-full.json", anchors: FULL_RANGE_ANCHORS, outputNode: "Identity" },
};
