/**
 * `/v1/vision/face/recognize` and `/v1/vision/face/match`: every face (up to
 * {@link DEEPSTACK_MAX_RECOGNIZED_FACES}) embedded in the worker, matched on the main thread
 * against the shared gallery, reported with DeepStack's `userid` / `"unknown"` and 0–1 confidence.
 * @module
 */
import type { EmbeddedFace, FaceEmbeddingResult } from "../../core/engine/types.ts";
import { UNKNOWN_SUBJECT } from "../../core/tasks/face-recognition/reply.ts";
import { DEEPSTACK_RECOGNITION_MIN_CONFIDENCE, similarityFromDistance } from "./deepstack-confidence.ts";
import { boxPrediction } from "./deepstack-detection-routes.ts";
import type { DeepstackForm } from "./deepstack-form.ts";
import { DEEPSTACK_ERRORS, deepstackJson, DeepstackRequestError } from "./deepstack-reply.ts";
import { type DeepstackDeps, imagePart, minConfidence, requireTask, runTask } from "./deepstack-request.ts";

/** Faces per image that recognition embeds (best first); further faces are not reported. */
export const DEEPSTACK_MAX_RECOGNIZED_FACES = 20;

/** DeepStack's name for a face that matches nobody. */
export const DEEPSTACK_UNKNOWN = "unknown";

/** Every embedded face of a result, best first. */
function embeddedFaces(result: FaceEmbeddingResult): EmbeddedFace[] {
  return result.face === undefined ? [] : [result.face, ...result.moreFaces ?? []];
}

/**
 * Answers `/v1/vision/face/recognize`. A face is reported by name when it is within the server's
 * match threshold **and** its confidence reaches `min_confidence` (default 0.67, the server's own
 * threshold on this scale); otherwise `"unknown"` with confidence 0, as DeepStack does.
 *
 * @param deps Pool, gallery matching and settings.
 * @param form The request's form (api key already checked).
 * @returns `{"success": true, "predictions": [{"confidence", "userid", "y_min", "x_min", "y_max", "x_max"}]}`.
 */
export async function recognizeFaces(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  requireTask(deps.executor, "face-recognition");
  const image = imagePart(form);
  const threshold = minConfidence(form, DEEPSTACK_RECOGNITION_MIN_CONFIDENCE);
  const result = await runTask(deps.executor, "face-recognition", image, DEEPSTACK_ERRORS.invalidImage, {
    embedFaces: DEEPSTACK_MAX_RECOGNIZED_FACES,
  }) as FaceEmbeddingResult;
  const predictions = [];
  for (const face of embeddedFaces(result)) {
    const verdict = await deps.recognizer.match(Float32Array.from(face.embedding));
    const similarity = verdict.distance === undefined ? 0 : similarityFromDistance(verdict.distance, deps.threshold);
    const known = verdict.subject !== UNKNOWN_SUBJECT && similarity >= threshold;
    predictions.push({ ...boxPrediction(known ? similarity : 0, face.rect), userid: known ? verdict.subject : DEEPSTACK_UNKNOWN });
  }
  return deepstackJson(200, { success: true, predictions: predictions.map(deepstackFaceOrder) });
}

/** DeepStack's field order for a recognised face: confidence, userid, then the box. */
function deepstackFaceOrder(prediction: Record<string, unknown>): Record<string, unknown> {
  const { confidence, userid, ...box } = prediction;
  return { confidence, userid, ...box };
}

/**
 * Answers `/v1/vision/face/match`: the similarity of the best face of two images.
 *
 * @param deps Pool and settings.
 * @param form The request's form with exactly two file parts.
 * @returns `{"success": true, "similarity": 0–1}`.
 * @throws {DeepstackRequestError} 400 for a wrong number of images or a face missing in one.
 */
export async function matchFaces(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  requireTask(deps.executor, "face-recognition");
  const files = form.files.filter((file) => file.bytes.length > 0);
  if (files.length === 0) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noImage);
  if (files.length === 1) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.oneOfTwoImages);
  if (files.length > 2) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.onlyTwoImages);
  const faces: EmbeddedFace[] = [];
  for (const file of files) {
    const result = await runTask(deps.executor, "face-recognition", file.bytes, DEEPSTACK_ERRORS.invalidImage) as FaceEmbeddingResult;
    if (result.face === undefined) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noFaceFound);
    faces.push(result.face);
  }
  const [a, b] = faces as [EmbeddedFace, EmbeddedFace];
  const distance = Math.hypot(...a.embedding.map((value, i) => value - (b.embedding[i] ?? 0)));
  return deepstackJson(200, { success: true, similarity: similarityFromDistance(distance, deps.threshold) });
}
