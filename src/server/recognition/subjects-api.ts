/**
 * A plain JSON API over the gallery: `GET /api/subjects` lists subjects, `DELETE
 * /api/subjects/:name` removes one. Both need the trainer token when one is configured.
 * @module
 */
import { Hono } from "hono";
import type { GalleryStore } from "../gallery/gallery-store.ts";
import { checkTrainerToken } from "./trainer-auth.ts";

/**
 * Builds the routes.
 *
 * @param gallery The subjects.
 * @param trainerToken The configured token, or `undefined`.
 * @param onChange Called after a removal.
 * @returns A Hono app to mount at "/".
 * @example
 * ```ts
 * // GET /api/subjects → {"subjects": [{"name": "Ada", "ownerId": "", "ownerName": "", "embeddingCount": 3, "updatedAt": "…"}]}
 * ```
 */
export function createSubjectsApi(gallery: GalleryStore, trainerToken: string | undefined, onChange: () => void = () => {}): Hono {
  const app = new Hono();
  app.use("/api/subjects", async (c, next) => checkTrainerToken(c.req.raw, trainerToken) ?? await next());
  app.use("/api/subjects/*", async (c, next) => checkTrainerToken(c.req.raw, trainerToken) ?? await next());
  app.get("/api/subjects", async (c) => c.json({ subjects: await gallery.listSubjects() }));
  app.delete("/api/subjects/:name", async (c) => {
    const name = c.req.param("name");
    if (!(await gallery.removeSubject(name))) return c.json({ error: `Subject "${name}" not found` }, 404);
    onChange();
    return c.json({ removed: name });
  });
  return app;
}
