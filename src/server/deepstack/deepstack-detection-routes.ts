/**
 * `/v1/vision/detection` (objects) and `/v1/vision/face` (faces): the objects and face-detection
 * tasks' results in DeepStack's prediction shape, best first, filtered by `min_confidence`.
 * @module
 */
import type { FaceDetectionResult, ObjectsResult, Rect } from "../../core/engine/types.ts";
import { cocoSpelling } from "../../core/tasks/objects/darknet-coco-classes.ts";
import type { DeepstackForm } from "./deepstack-form.ts";
import { DEEPSTACK_ERRORS, deepstackJson } from "./deepstack-reply.ts";
import { type DeepstackDeps, imagePart, minConfidence, requireTask, runTask } from "./deepstack-request.ts";

/** DeepStack's default `min_confidence` of `/v1/vision/detection` (server.go: "0.40"). */
export const DEEPSTACK_DETECTION_MIN_CONFIDENCE = 0.4;
/** DeepStack's default `min_confidence` of `/v1/vision/face` (server.go: "0.55"). */
export const DEEPSTACK_FACE_MIN_CONFIDENCE = 0.55;

/**
 * A box in DeepStack's field order (its Go response types: confidence, label, y_min, x_min, y_max, x_max).
 *
 * @param confidence Score 0–1.
 * @param rect `[left, top, right, bottom]` in pixels.
 * @param label Class name (objects only).
 * @returns The prediction object.
 */
export function boxPrediction(confidence: number, rect: Rect, label?: string): Record<string, unknown> {
  const [left, top, right, bottom] = rect;
  return { confidence, ...(label === undefined ? {} : { label }), y_min: top, x_min: left, y_max: bottom, x_max: right };
}

/**
 * Answers `/v1/vision/detection`.
 *
 * @param deps Pool and settings.
 * @param form The request's form (api key already checked).
 * @returns `{"success": true, "predictions": [{"confidence", "label", "y_min", "x_min", "y_max", "x_max"}]}`.
 */
export async function detectObjects(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  requireTask(deps.executor, "objects");
  const image = imagePart(form);
  const threshold = minConfidence(form, DEEPSTACK_DETECTION_MIN_CONFIDENCE);
  const result = await runTask(deps.executor, "objects", image, DEEPSTACK_ERRORS.invalidImageFile) as ObjectsResult;
  const predictions = result.objects
    .filter((object) => object.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .map((object) => boxPrediction(object.score, object.rect, cocoSpelling(object.className)));
  return deepstackJson(200, { success: true, predictions });
}

/**
 * Answers `/v1/vision/face` (face detection).
 *
 * @param deps Pool and settings.
 * @param form The request's form (api key already checked).
 * @returns `{"success": true, "predictions": [{"confidence", "y_min", "x_min", "y_max", "x_max"}]}`.
 */
export async function detectFaces(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  requireTask(deps.executor, "face-detection");
  const image = imagePart(form);
  const threshold = minConfidence(form, DEEPSTACK_FACE_MIN_CONFIDENCE);
  const result = await runTask(deps.executor, "face-detection", image, DEEPSTACK_ERRORS.invalidImage) as FaceDetectionResult;
  const predictions = result.faces
    .filter((face) => face.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .map((face) => boxPrediction(face.score, face.rect));
  return deepstackJson(200, { success: true, predictions });
}
