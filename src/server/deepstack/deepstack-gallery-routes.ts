/**
 * `/v1/vision/face/register`, `/list` and `/delete` on the gallery the MobiledgeX trainer API
 * uses: a face registered here is recognised by `/recognizer/predict/` and the other way round.
 * All three need the admin secret when one is configured (see {@link requireAdminKey}).
 * @module
 */
import type { FaceEmbeddingResult } from "../../core/engine/types.ts";
import { MAX_SUBJECT_LENGTH } from "../recognition/recognition-settings.ts";
import type { DeepstackForm } from "./deepstack-form.ts";
import { DEEPSTACK_ERRORS, deepstackJson, DeepstackRequestError } from "./deepstack-reply.ts";
import { type DeepstackDeps, requireTask, runTask } from "./deepstack-request.ts";

/**
 * The `userid` field, checked like the trainer API's subject names.
 *
 * @param form The request's form.
 * @returns The user id.
 * @throws {DeepstackRequestError} 400 "userid not specified" or an invalid name.
 */
export function userid(form: DeepstackForm): string {
  const id = form.fields.get("userid") ?? "";
  if (id.trim() === "") throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noUserid);
  // deno-lint-ignore no-control-regex
  if (id.length > MAX_SUBJECT_LENGTH || /[\u0000-\u001f\u007f]/.test(id)) {
    throw new DeepstackRequestError(400, `Invalid userid: at most ${MAX_SUBJECT_LENGTH} characters, no control characters`);
  }
  return id;
}

/**
 * Answers `/v1/vision/face/register`: every file part (`image`, `image1`, …) is one photo; the
 * best face of each is added to the user (images without a face are skipped, as DeepStack does).
 *
 * @param deps Pool, gallery and change hook.
 * @param form The request's form (keys already checked).
 * @returns `{"success": true, "message": "face added" | "face updated"}`.
 * @throws {DeepstackRequestError} 400 without images, userid, or any face.
 */
export async function registerFace(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  requireTask(deps.executor, "face-recognition");
  const images = form.files.filter((file) => file.bytes.length > 0);
  if (images.length === 0) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noImage);
  const id = userid(form);
  const embeddings: Float32Array[] = [];
  for (const image of images) {
    const result = await runTask(deps.executor, "face-recognition", image.bytes, DEEPSTACK_ERRORS.invalidImage) as FaceEmbeddingResult;
    if (result.face !== undefined) embeddings.push(Float32Array.from(result.face.embedding));
  }
  if (embeddings.length === 0) throw new DeepstackRequestError(400, DEEPSTACK_ERRORS.noFaceDetected);
  const existing = (await deps.gallery.listSubjects()).find((subject) => subject.name === id);
  // Keep the owner a MobiledgeX client gave the subject; DeepStack has no owner fields.
  const owner = { ownerId: existing?.ownerId ?? "", ownerName: existing?.ownerName ?? "" };
  await deps.gallery.addEmbeddings(id, owner, embeddings);
  deps.onChange();
  return deepstackJson(200, { success: true, message: existing === undefined ? "face added" : "face updated" });
}

/**
 * Answers `/v1/vision/face/list`.
 *
 * @param deps The gallery.
 * @returns `{"success": true, "faces": ["userid", …]}`.
 */
export async function listFaces(deps: DeepstackDeps): Promise<Response> {
  const faces = (await deps.gallery.listSubjects()).map((subject) => subject.name);
  return deepstackJson(200, { success: true, faces });
}

/**
 * Answers `/v1/vision/face/delete`.
 *
 * @param deps Gallery and change hook.
 * @param form The request's form (keys already checked).
 * @returns `{"success": true}`.
 * @throws {DeepstackRequestError} 400 without userid or for a userid nobody registered.
 */
export async function deleteFace(deps: DeepstackDeps, form: DeepstackForm): Promise<Response> {
  const id = userid(form);
  if (!(await deps.gallery.removeSubject(id))) throw new DeepstackRequestError(400, `userid "${id}" not found`);
  deps.onChange();
  return deepstackJson(200, { success: true });
}
