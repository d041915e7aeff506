/**
 * The FaceTrainingServer API (protocol notes §8) and the legacy `/recognizer/add/` and
 * `/recognizer/train/` (§3.3, made to work with a `subject` field), as one Hono sub-app that the
 * server mounts on its main port and, when configured, on the trainer port (8009).
 * @module
 */
import { Hono } from "hono";
import type { Context, MiddlewareHandler } from "hono";
import { pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import type { GalleryStore } from "../gallery/gallery-store.ts";
import { htmlResponse } from "../http/http-replies.ts";
import type { BodyLimits } from "../http/read-body.ts";
import type { TaskExecutor } from "../vision-service.ts";
import { enrolImage } from "./enrolment.ts";
import type { GalleryRecognizer } from "./gallery-recognizer.ts";
import { readTrainingRequest, type TrainingRequest } from "./read-training-request.ts";
import { MAX_SUBJECT_LENGTH } from "./recognition-settings.ts";
import { embedImage } from "./embed-image.ts";

/** The training server's plain-text replies (§3.3, §8). */
export const TRAINER_TEXTS = {
  index: "Hello, world. You're at the trainer index.",
  testGet: "Valid GET Request to server",
  testBadMethod: "Please send response as a GET",
  notPost: "Must send request as a POST",
  predictContentType: "Content-Type must be 'application/x-www-form-urlencoded'",
  trained: "OK\n",
} as const;

/** What the routes need. */
export interface TrainerRoutesDeps {
  executor: TaskExecutor;
  gallery: GalleryStore;
  recognizer: GalleryRecognizer;
  /** The enrolment guard (src/server/enrolment-guard/) in front of every gallery-changing route. */
  guard: MiddlewareHandler;
  limits: BodyLimits;
  /** Records a gallery change (for `/trainer/lastupdate/`). */
  onChange: () => void;
  /** Epoch milliseconds of the last gallery change. */
  lastChange: () => number;
}

/** Routes that read or change the gallery, behind the enrolment guard. */
const GUARDED_PATHS = ["/trainer/add/", "/trainer/train/", "/trainer/remove/", "/trainer/init/", "/recognizer/add/", "/recognizer/train/"];

const missing = (name: string) => htmlResponse(400, `Missing '${name}' parameter`);

/**
 * Builds the routes.
 *
 * @param deps Pool, gallery, recognizer, enrolment guard, body limits and the change clock.
 * @returns A Hono app to mount at "/".
 * @example
 * ```ts
 * let last = Date.now();
 * app.route("/", createTrainerRoutes({ executor: pool, gallery, recognizer, guard, limits, onChange: () => (last = Date.now()), lastChange: () => last }));
 * ```
 */
export function createTrainerRoutes(deps: TrainerRoutesDeps): Hono {
  const { executor, gallery, recognizer, limits } = deps;
  const enrolment = { executor, gallery, onChange: deps.onChange };
  const app = new Hono();

  for (const path of GUARDED_PATHS) app.use(path, deps.guard);

  /** POST-only handler that reads the training form (the guard has already run). */
  const protectedForm = (handle: (form: TrainingRequest, c: Context) => Promise<Response>) => async (c: Context) => {
    if (c.req.method !== "POST") return htmlResponse(400, TRAINER_TEXTS.notPost);
    return await handle(await readTrainingRequest(c.req.raw, limits), c);
  };

  app.all("/trainer/", () => htmlResponse(200, TRAINER_TEXTS.index));
  app.all("/trainer/test/", (c) =>
    c.req.method === "GET" || c.req.method === "HEAD"
      ? htmlResponse(200, TRAINER_TEXTS.testGet)
      : htmlResponse(400, TRAINER_TEXTS.testBadMethod));

  app.all("/trainer/add/", protectedForm(async ({ fields, image }) => {
    for (const name of ["owner_id", "owner_name", "subject"]) if (!fields.has(name)) return missing(name);
    if (image === undefined) return missing("image");
    const subject = checkSubject(fields.get("subject")!);
    if (subject instanceof Response) return subject;
    return await enrolImage(enrolment, subject, owner(fields), image);
  }));

  app.all("/trainer/train/", protectedForm(async ({ fields }) => {
    for (const name of ["owner_name", "subject"]) if (!fields.has(name)) return missing(name);
    const start = performance.now();
    const known = (await gallery.listSubjects()).some((s) => s.name === fields.get("subject"));
    const time = (performance.now() - start).toFixed(3);
    // Embeddings take effect when added; "train" only confirms the subject exists, as the reference requires.
    return htmlResponse(200, known
      ? pythonJsonDumps({ success: "true", server_processing_time: time })
      : pythonJsonDumps({ success: "false", reason: "Subject not found", server_processing_time: time }));
  }));

  app.all("/trainer/remove/", protectedForm(async ({ fields }) => {
    for (const name of ["owner_id", "owner_name"]) if (!fields.has(name)) return missing(name);
    const ownerId = fields.get("owner_id")!;
    const subject = fields.get("subject");
    const subjects = await gallery.listSubjects();
    const targets = subject !== undefined && subject !== ""
      ? subjects.filter((s) => s.name === subject && (s.ownerId === "" || s.ownerId === ownerId))
      : subjects.filter((s) => s.ownerId === ownerId);
    for (const target of targets) await gallery.removeSubject(target.name);
    if (targets.length > 0) deps.onChange();
    return htmlResponse(200, pythonJsonDumps({ success: "true" }));
  }));

  app.all("/trainer/predict/", async (c) => {
    if (c.req.method !== "POST") return htmlResponse(400, TRAINER_TEXTS.notPost);
    const form = await readTrainingRequest(c.req.raw, limits);
    if (!["application/x-www-form-urlencoded", "multipart/form-data", "image/jpeg", "image/png"].includes(form.mediaType)) {
      return htmlResponse(400, TRAINER_TEXTS.predictContentType);
    }
    if (form.image === undefined) return missing("image");
    const result = await embedImage(executor, form.image);
    return result instanceof Response ? result : htmlResponse(200, await recognizer.reply(result));
  });

  app.all("/trainer/init/", protectedForm(() => Promise.resolve(htmlResponse(200, pythonJsonDumps({ success: "true" })))));
  app.all("/trainer/lastupdate/", () => htmlResponse(200, String(Math.floor(deps.lastChange() / 1000))));

  app.all("/recognizer/add/", async (c) => {
    if (c.req.method !== "POST") return htmlResponse(400, "Must send frame as a POST");
    const { fields, image } = await readTrainingRequest(c.req.raw, limits);
    if (!fields.has("subject")) return missing("subject");
    if (image === undefined) return missing("image");
    const subject = checkSubject(fields.get("subject")!);
    if (subject instanceof Response) return subject;
    return await enrolImage(enrolment, subject, owner(fields), image, true);
  });

  app.all("/recognizer/train/", protectedForm(({ fields }) =>
    Promise.resolve(fields.has("subject") ? htmlResponse(200, TRAINER_TEXTS.trained) : missing("subject"))));

  return app;
}

function owner(fields: Map<string, string>) {
  return { ownerId: fields.get("owner_id") ?? "", ownerName: fields.get("owner_name") ?? "" };
}

/** A subject name must be non-blank, short, and free of control characters. */
function checkSubject(subject: string): string | Response {
  if (subject.trim() === "") return missing("subject");
  // deno-lint-ignore no-control-regex
  if (subject.length > MAX_SUBJECT_LENGTH || /[\u0000-\u001f\u007f]/.test(subject)) {
    return htmlResponse(400, `Invalid 'subject' parameter: at most ${MAX_SUBJECT_LENGTH} characters, no control characters`);
  }
  return subject;
}
