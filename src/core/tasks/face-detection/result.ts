/**
 * What the `face-detection` task returns.
 * @module
 */
import type { Point, Rect } from "../geometry.ts";
import type { TaskResultBase } from "../task-definition.ts";

/** One detected face. */
export interface DetectedFace {
  rect: Rect;
  score: number;
  /** Right eye, left eye, nose, mouth, right ear, left ear (BlazeFace order). */
  landmarks: Point[];
}

/** Output of the `face-detection` task. */
export interface FaceDetectionResult extends TaskResultBase<"face-detection"> {
  faces: DetectedFace[];
}
