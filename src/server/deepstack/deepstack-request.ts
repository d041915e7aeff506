/**
 * What every DeepStack route shares: its dependencies, the key checks, `min_confidence`, and
 * running a task in the worker pool with pool failures turned into DeepStack errors.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { RunOptions, TaskName, TaskResult } from "../../core/engine/types.ts";
import type { GalleryStore } from "../gallery/gallery-store.ts";
import type { BodyLimits } from "../http/read-body.ts";
import { JobFailedError, PoolUnavailableError, QueueFullError } from "../pool/pool-errors.ts";
import type { GalleryRecognizer } from "../recognition/gallery-recognizer.ts";
import { sameText } from "../enrolment-guard/trainer-token.ts";
import { RETRY_AFTER_SECONDS, type TaskExecutor } from "../vision-service.ts";
import type { DeepstackForm } from "./deepstack-form.ts";
import { DEEPSTACK_ERRORS, DeepstackRequestError } from "./deepstack-reply.ts";

/** What the DeepStack routes are built from. */
export interface DeepstackDeps {
  /** The worker pool (the same one the MobiledgeX endpoints use). */
  executor: TaskExecutor;
  /** The gallery the MobiledgeX trainer API enrols into. */
  gallery: GalleryStore;
  /** Gallery matching (threshold and subject-distance mode of the server). */
  recognizer: GalleryRecognizer;
  /** The server's match threshold (embedding distance), for the similarity scale. */
  threshold: number;
  /** `api_key` every `/v1/vision/` request must carry; `undefined` = none needed. */
  apiKey: string | undefined;
  /** The gallery's admin secret (`--admin-key` = `--trainer-token`); `undefined` = none configured. */
  adminKey: string | undefined;
  /** The enrolment guard every gallery route goes through (src/server/enrolment-guard/). */
  guard: MiddlewareHandler;
  /** Body size limit and deadline. */
  limits: BodyLimits;
  /** Records a gallery change (the trainer API's `/trainer/lastupdate/`). */
  onChange: () => void;
}

/**
 * Refuses a request without the right `api_key` form field (DeepStack: 401 "Incorrect api key").
 *
 * @param form The request's form.
 * @param apiKey The configured key, or `undefined`.
 * @throws {DeepstackRequestError} 401 when a key is configured and the field differs.
 */
export function requireApiKey(form: DeepstackForm, apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  if (!sameText(form.fields.get("api_key") ?? "", apiKey)) throw new DeepstackRequestError(401, DEEPSTACK_ERRORS.wrongApiKey);
}

/**
 * Whether the form carries the configured admin secret as DeepStack's `admin_key` field. A client
 * that knows the secret passes the enrolment guard as one that sends it in the trainer header.
 *
 * @param form The request's form.
 * @param adminKey The configured secret, or `undefined`.
 * @returns True only when a secret is configured and the field equals it.
 */
export function hasAdminKey(form: DeepstackForm, adminKey: string | undefined): boolean {
  return adminKey !== undefined && sameText(form.fields.get("admin_key") ?? "", adminKey);
}

/**
 * Reads `min_confidence` as DeepStack's `CheckConfidence` does: absent or empty → the endpoint's
 * default; not a number → 400; above 1 → 400.
 *
 * @param form The request's form.
 * @param fallback The endpoint's default.
 * @returns The threshold.
 * @throws {DeepstackRequestError} 400 with DeepStack's text.
 */
export function minConfidence(form: DeepstackForm, fallback: number): number {
  const text = form.fields.get("min_confidence")?.trim() ?? "";
  if (text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.badMinConfidence);
  if (value > 1) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.minConfidenceAboveOne);
  return value;
}

/**
 * The `image` file part (DeepStack's `CheckImage`).
 *
 * @param form The request's form.
 * @returns Its bytes.
 * @throws {DeepstackRequestError} 400 "No valid image file found".
 */
export function imagePart(form: DeepstackForm): Uint8Array {
  const part = form.files.find((file) => file.name === "image");
  if (part === undefined || part.bytes.length === 0) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noImage);
  return part.bytes;
}

/**
 * Refuses a request for an endpoint whose task is not loaded (DeepStack: 403 "… not activated").
 *
 * @param executor The worker pool.
 * @param task The task the endpoint needs.
 * @throws {DeepstackRequestError} 403.
 */
export function requireTask(executor: TaskExecutor, task: TaskName): void {
  if (executor.tasks.includes(task)) return;
  throw new DeepstackRequestError(403, task === "objects" ? DEEPSTACK_ERRORS.detectionOff : DEEPSTACK_ERRORS.faceOff);
}

/**
 * Runs a task in the pool.
 *
 * @param executor The worker pool.
 * @param task The task.
 * @param bytes The encoded image (transferred).
 * @param invalidImageText DeepStack's text for an undecodable image on this endpoint.
 * @param options Per-job options.
 * @returns The result.
 * @throws {DeepstackRequestError} 400 undecodable image, 503 busy (with `Retry-After`), 500 otherwise.
 */
export async function runTask(
  executor: TaskExecutor,
  task: TaskName,
  bytes: Uint8Array,
  invalidImageText: string,
  options?: RunOptions,
): Promise<TaskResult> {
  try {
    return await executor.submit(task, bytes, undefined, options);
  } catch (error) {
    const busy = { "Retry-After": String(RETRY_AFTER_SECONDS) };
    if (error instanceof QueueFullError) throw new DeepstackRequestError(503, "Server busy: the request queue is full, try again later", busy);
    if (error instanceof PoolUnavailableError) throw new DeepstackRequestError(503, error.message, busy);
    if (error instanceof JobFailedError && error.failure.kind === "decode") throw new DeepstackRequestError(400, invalidImageText);
    throw new DeepstackRequestError(500, `An error occurred on the server: ${(error as Error)?.message ?? String(error)}`);
  }
}
