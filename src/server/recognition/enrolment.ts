/**
 * The enrolment step shared by `/trainer/add/` and `/recognizer/add/`: embed the image, require
 * exactly one face, store the embedding for the subject, reply in the training server's format.
 * @module
 */
import type { FaceEmbeddingResult } from "../../core/engine/types.ts";
import { pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import type { GalleryStore, SubjectOwner } from "../gallery/gallery-store.ts";
import { htmlResponse } from "../http/http-replies.ts";
import type { TaskExecutor } from "../vision-service.ts";
import { embedImage } from "./embed-image.ts";

/** The training server's failure reasons (§8). */
export const ENROLMENT_REASONS = { noFace: "No face detected", severalFaces: "More than 1 face" } as const;

/** What one enrolment needs. */
export interface EnrolmentDeps {
  executor: TaskExecutor;
  gallery: GalleryStore;
  /** Called after the gallery changed. */
  onChange: () => void;
}

/**
 * Enrols one image of `subject`.
 *
 * @param deps Pool, gallery and change hook.
 * @param subject Subject name (validated by the caller).
 * @param owner Owner fields.
 * @param image Encoded image.
 * @param noFaceWithoutReason `/recognizer/add/` answers "no face" as the reference's detector does, without `reason`.
 * @returns `{"success": "true", "rects": [[l, t, r, b]], "server_processing_time": "…"}`, or
 *   `{"success": "false", "reason": "No face detected" | "More than 1 face", "server_processing_time": "…"}`.
 */
export async function enrolImage(
  deps: EnrolmentDeps,
  subject: string,
  owner: SubjectOwner,
  image: Uint8Array,
  noFaceWithoutReason = false,
): Promise<Response> {
  const result = await embedImage(deps.executor, image);
  if (result instanceof Response) return result;
  const time = (result as FaceEmbeddingResult).processingMs.toFixed(3);
  if (result.face === undefined) {
    return htmlResponse(
      200,
      noFaceWithoutReason
        ? pythonJsonDumps({ success: "false", server_processing_time: time })
        : pythonJsonDumps({ success: "false", reason: ENROLMENT_REASONS.noFace, server_processing_time: time }),
    );
  }
  if (result.faceCount > 1) {
    return htmlResponse(200, pythonJsonDumps({ success: "false", reason: ENROLMENT_REASONS.severalFaces, server_processing_time: time }));
  }
  await deps.gallery.addEmbeddings(subject, owner, [Float32Array.from(result.face.embedding)]);
  deps.onChange();
  return htmlResponse(200, pythonJsonDumps({ success: "true", rects: [[...result.face.rect]], server_processing_time: time }));
}
