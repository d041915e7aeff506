/**
 * DeepStack's `/v1/vision/` API as one Hono sub-app, on the same worker pool and gallery as the
 * MobiledgeX endpoints. Every path answers with and without a trailing slash (DeepStack's Gin
 * router redirects one to the other; its clients call both, e.g. `/v1/vision/face/`).
 * @module
 */
import { type Context, Hono } from "hono";
import { readDeepstackForm, type DeepstackForm } from "./deepstack-form.ts";
import { deepstackError, DeepstackRequestError } from "./deepstack-reply.ts";
import { DEEPSTACK_ERRORS } from "./deepstack-reply.ts";
import { GALLERY_RETRY_AFTER_SECONDS, GalleryUnavailableError } from "../gallery/gallery-unavailable-error.ts";
import { type DeepstackDeps, hasAdminKey, requireApiKey } from "./deepstack-request.ts";
import { detectFaces, detectObjects } from "./deepstack-detection-routes.ts";
import { matchFaces, recognizeFaces } from "./deepstack-recognition.ts";
import { deleteFace, listFaces, registerFace } from "./deepstack-gallery-routes.ts";

export type { DeepstackDeps } from "./deepstack-request.ts";

/** One DeepStack endpoint. */
export interface DeepstackEndpoint {
  path: string;
  /** One line for the API description (`/openapi.json`). */
  summary: string;
  /** Form fields besides `api_key` (and `admin_key` on admin endpoints); `file` = a file part. */
  fields: Readonly<Record<string, "file" | "text">>;
  /** Needs the admin secret (gallery changes and listing). */
  admin: boolean;
  handle: (deps: DeepstackDeps, form: DeepstackForm) => Promise<Response>;
}

/** The served endpoints (docs/deepstack.md has the table; `/openapi.json` is built from this list). */
export const DEEPSTACK_ENDPOINTS: readonly DeepstackEndpoint[] = [
  { path: "/v1/vision/detection", summary: "Objects: COCO labels and boxes, best first", fields: { image: "file", min_confidence: "text" }, admin: false, handle: detectObjects },
  { path: "/v1/vision/face", summary: "Face boxes, best first", fields: { image: "file", min_confidence: "text" }, admin: false, handle: detectFaces },
  { path: "/v1/vision/face/recognize", summary: "Every face with its userid or \"unknown\"", fields: { image: "file", min_confidence: "text" }, admin: false, handle: recognizeFaces },
  { path: "/v1/vision/face/match", summary: "Similarity of the faces of two images", fields: { image1: "file", image2: "file" }, admin: false, handle: matchFaces },
  { path: "/v1/vision/face/register", summary: "Add the faces of one or more images to userid", fields: { userid: "text", image: "file", image1: "file" }, admin: true, handle: registerFace },
  { path: "/v1/vision/face/list", summary: "Every enrolled userid", fields: {}, admin: true, handle: (deps) => listFaces(deps) },
  { path: "/v1/vision/face/delete", summary: "Remove userid from the gallery", fields: { userid: "text" }, admin: true, handle: deleteFace },
];

/**
 * Builds the routes.
 *
 * @param deps Pool, gallery, matching, keys, limits and the change hook.
 * @returns A Hono app to mount at "/".
 * @example
 * ```ts
 * app.route("/", createDeepstackRoutes({ executor: pool, gallery, recognizer, threshold: 0.55, apiKey, adminKey, limits, onChange }));
 * ```
 */
export function createDeepstackRoutes(deps: DeepstackDeps): Hono {
  const app = new Hono();
  for (const endpoint of DEEPSTACK_ENDPOINTS) {
    const handler = async (c: Context): Promise<Response> => {
      const request = c.req.raw;
      // DeepStack's routes are POST only; the list also answers GET (it has no body to send).
      const listing = endpoint.path.endsWith("/list") && (request.method === "GET" || request.method === "HEAD");
      if (request.method !== "POST" && !listing) return deepstackError(405, "Send the request as a POST", { allow: "POST" });
      try {
        const form = await readDeepstackForm(request, deps.limits);
        requireApiKey(form, deps.apiKey);
        const handle = () => endpoint.handle(deps, form);
        return endpoint.admin && !hasAdminKey(form, deps.adminKey) ? await behindGuard(c, deps, handle) : await handle();
      } catch (error) {
        if (error instanceof DeepstackRequestError) return error.toResponse();
        // A shared gallery that cannot be reached refuses changes, as on the trainer routes.
        if (error instanceof GalleryUnavailableError) return deepstackError(503, error.message, { "Retry-After": String(GALLERY_RETRY_AFTER_SECONDS) });
        console.error(error);
        return deepstackError(500, `An error occurred on the server: ${(error as Error)?.message ?? String(error)}`);
      }
    };
    for (const path of [endpoint.path, `${endpoint.path}/`]) app.all(path, handler);
  }
  return app;
}

/**
 * Runs a gallery endpoint through the enrolment guard (cross-site refusal, the trainer header
 * token, or loopback/private clients only when no secret is configured); a refusal is answered
 * in DeepStack's shape ("Incorrect admin key" for a missing or wrong secret).
 */
async function behindGuard(c: Context, deps: DeepstackDeps, handle: () => Promise<Response>): Promise<Response> {
  let passed = false;
  const refusal = await deps.guard(c, async () => {
    passed = true;
    c.res = await handle();
  });
  if (passed) return c.res;
  const status = refusal instanceof Response ? refusal.status : 403;
  const text = status === 401 ? DEEPSTACK_ERRORS.wrongAdminKey : refusal instanceof Response ? await refusal.text() : "Refused";
  return deepstackError(status, text);
}
