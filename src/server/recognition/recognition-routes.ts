/**
 * Everything recognition adds to the server, built in one call: open the gallery, create the reply
 * hook for `/recognizer/predict/` (REST, WebSocket, TCP), and the enrolment, subjects and
 * DeepStack (`/v1/vision/`) routes, all on that one gallery.
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { FACE_EMBEDDING_LENGTH } from "../../core/tasks/face-recognition/config.ts";
import type { GalleryFileSystem } from "../gallery/file-system.ts";
import { openFileGalleryStore } from "../gallery/file-gallery-store.ts";
import type { GalleryStore } from "../gallery/gallery-store.ts";
import { GALLERY_RETRY_AFTER_SECONDS, GalleryUnavailableError } from "../gallery/gallery-unavailable-error.ts";
import { htmlResponse } from "../http/http-replies.ts";
import type { BodyLimits } from "../http/read-body.ts";
import type { AppMount } from "../app.ts";
import type { ReplyFormatter, TaskExecutor } from "../vision-service.ts";
import { GalleryRecognizer } from "./gallery-recognizer.ts";
import { DEFAULT_RECOGNITION_SETTINGS, type RecognitionSettings } from "./recognition-settings.ts";
import { createSubjectsApi } from "./subjects-api.ts";
import { createTrainerRoutes } from "./trainer-routes.ts";
import { createDeepstackRoutes } from "../deepstack/deepstack-routes.ts";

/** What {@link setUpRecognition} needs. */
export interface RecognitionSetupOptions {
  /** The worker pool, or a getter for it when the pool is created after the routes (as in `assembleServer`). */
  executor: TaskExecutor | (() => TaskExecutor);
  /** Gallery to use; when absent, the embedded store in `dataDirectory` is opened with `fs`. */
  gallery?: GalleryStore;
  fs?: GalleryFileSystem;
  dataDirectory?: string;
  settings?: Partial<RecognitionSettings>;
  limits: BodyLimits;
  /** The enrolment guard (src/server/enrolment-guard/) in front of the trainer and subjects routes. */
  guard: MiddlewareHandler;
  /** Start-up notes (repaired gallery damage). */
  log: (message: string) => void;
  /** `api_key` the DeepStack API (`/v1/vision/`) requires; absent = none. */
  deepstackApiKey?: string;
  /** The gallery secret (trainer token = DeepStack admin key), accepted as DeepStack's `admin_key` field; absent = none. */
  adminKey?: string;
}

/** The pieces the server wires in. */
export interface RecognitionSetup {
  gallery: GalleryStore;
  recognizer: GalleryRecognizer;
  /** `VisionService` reply hook for "face-recognition". */
  reply: ReplyFormatter;
  /** Trainer, legacy enrolment, subjects and DeepStack routes; mount with `app.route("/", routes)`. */
  routes: Hono;
  /** The same routes as an `AppMount` for `createApp` / `assembleServer` (returns the slash paths that get the 301). */
  mount: AppMount;
}

export { GALLERY_RETRY_AFTER_SECONDS } from "../gallery/gallery-unavailable-error.ts";

/** Paths that answer 301 to their slash-less form, as Django's APPEND_SLASH does. */
export const RECOGNITION_SLASH_PATHS: readonly string[] = [
  "/trainer/", "/trainer/test/", "/trainer/add/", "/trainer/train/", "/trainer/remove/", "/trainer/predict/",
  "/trainer/init/", "/trainer/lastupdate/", "/recognizer/add/", "/recognizer/train/",
];

/**
 * Opens the gallery and builds the recognition hook and routes.
 *
 * @param options Pool, gallery (or file system + directory), settings, body limits and logger.
 * @returns Gallery, recognizer, reply hook and routes.
 * @throws {RangeError} When neither a gallery nor a file system and directory are given.
 * @example
 * ```ts
 * const recognition = await setUpRecognition({ executor: pool, fs: createNodeFileSystem(), dataDirectory: "./data", limits, guard, log: console.warn });
 * const service = new VisionService(pool, { ...replies, "face-recognition": recognition.reply });
 * app.route("/", recognition.routes);
 * ```
 */
export async function setUpRecognition(options: RecognitionSetupOptions): Promise<RecognitionSetup> {
  const settings: RecognitionSettings = { ...DEFAULT_RECOGNITION_SETTINGS, ...options.settings };
  let gallery = options.gallery;
  if (gallery === undefined) {
    if (options.fs === undefined || options.dataDirectory === undefined) {
      throw new RangeError("setUpRecognition needs a gallery, or a file system and a data directory");
    }
    gallery = await openFileGalleryStore({
      fs: options.fs,
      directory: options.dataDirectory,
      embeddingLength: FACE_EMBEDDING_LENGTH,
      onWarning: options.log,
    });
  }
  const recognizer = new GalleryRecognizer(gallery, settings);
  const source = options.executor;
  const executor: TaskExecutor = typeof source === "function"
    ? { get tasks() { return source().tasks; }, submit: (task, bytes, timing, options) => source().submit(task, bytes, timing, options) }
    : source;
  let lastChange = Date.now();
  const onChange = () => void (lastChange = Date.now());
  const routes = new Hono();
  routes.route("/", createTrainerRoutes({ executor, gallery, recognizer, guard: options.guard, limits: options.limits, onChange, lastChange: () => lastChange }));
  routes.route("/", createSubjectsApi(gallery, options.guard, onChange));
  routes.route("/", createDeepstackRoutes({
    executor,
    gallery,
    recognizer,
    threshold: settings.threshold,
    apiKey: options.deepstackApiKey || undefined,
    adminKey: options.adminKey || undefined,
    guard: options.guard,
    limits: options.limits,
    onChange,
  }));
  // A shared gallery that cannot be reached refuses changes: 503 with the reason, not a bare 500.
  routes.onError((error) => {
    if (error instanceof GalleryUnavailableError) return htmlResponse(503, error.message, { "Retry-After": String(GALLERY_RETRY_AFTER_SECONDS) });
    throw error;
  });
  const mount: AppMount = (app) => {
    app.route("/", routes);
    return [...RECOGNITION_SLASH_PATHS];
  };
  return { gallery, recognizer, reply: (result) => recognizer.reply(result), routes, mount };
}
