/**
 * `/v1/vision/detection` (objects) and `/v1/vision/face` (faces): the objects and face-detection
 * tasks' results in DeepStack's prediction shape, best first, filtered by `min_confidence`.
 * @module
 */
import type { FaceDetectionResult, ObjectsResult, Rect, TaskResult } from "../../core/engine/types.ts";
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

/** A scored box a detection task found (objects carry a class label). */
interface ScoredBox {
  score: number;
  rect: Rect;
  label?: string;
}

/** What differs between the two detection endpoints. */
interface DetectionEndpoint<R extends TaskResult> {
  task: R["task"];
  /** DeepStack's default `min_confidence` of the endpoint. */
  defaultMinConfidence: number;
  /** The endpoint's text for an image that does not decode. */
  invalidImageText: string;
  boxes: (result: R) => readonly ScoredBox[];
}

/** Runs the endpoint's task and answers its boxes at or above `min_confidence`, best first. */
async function answerBoxes<R extends TaskResult>(deps: DeepstackDeps, form: DeepstackForm, endpoint: DetectionEndpoint<R>): Promise<Response> {
  requireTask(deps.executor, endpoint.task);
  const image = imagePart(form);
  const threshold = minConfidence(form, endpoint.defaultMinConfidence);
  const result = await runTask(deps.executor, endpoint.task, image, endpoint.invalidImageText) as R;
  const predictions = endpoint.boxes(result)
    .filter((box) => box.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .map((box) => boxPrediction(box.score, box.rect, box.label));
  return deepstackJson(200, { success: true, predictions });
}

/**
 * Answers `/v1/vision/detection`.
 *
 * @param deps Pool and settings.
 * @param form The request's form (api key already checked).
 * @returns `{"success": true, "predictions": [{"confidence", "label", "y_min", "x_min", "y_max", "x_max"}]}`.
 */
export function detectObjects(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  return answerBoxes<ObjectsResult>(deps, form, {
    task: "objects",
    defaultMinConfidence: DEEPSTACK_DETECTION_MIN_CONFIDENCE,
    invalidImageText: DEEPSTACK_ERRORS.invalidImageFile,
    boxes: (result) => result.objects.map((object) => ({ score: object.score, rect: object.rect, label: cocoSpelling(object.className) })),
  });
}

/**
 * Answers `/v1/vision/face` (face detection).
 *
 * @param deps Pool and settings.
 * @param form The request's form (api key already checked).
 * @returns `{"success": true, "predictions": [{"confidence", "y_min", "x_min", "y_max", "x_max"}]}`.
 */
export function detectFaces(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  return answerBoxes<FaceDetectionResult>(deps, form, {
    task: "face-detection",
    defaultMinConfidence: DEEPSTACK_FACE_MIN_CONFIDENCE,
    invalidImageText: DEEPSTACK_ERRORS.invalidImage,
    boxes: (result) => result.faces,
  });
}
