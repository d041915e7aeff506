/**
 * Face recognition on the server: the gallery-backed reply hook, the training API and the subjects API.
 * @module
 */
export * from "./gallery-recognizer.ts";
export * from "./recognition-settings.ts";
export * from "./recognition-plugin.ts";
export * from "./recognition-routes.ts";
export { createSubjectsApi } from "./subjects-api.ts";
export { createTrainerRoutes, TRAINER_TEXTS } from "./trainer-routes.ts";
