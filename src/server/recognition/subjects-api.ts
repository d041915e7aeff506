/**
 * A plain JSON API over the gallery: `GET /api/subjects` lists subjects, `DELETE
 * /api/subjects/:name` removes one. Both are behind the enrolment guard.
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import type { GalleryStore } from "../gallery/gallery-store.ts";

/**
 * Builds the routes.
 *
 * @param gallery The subjects.
 * @param guard The enrolment guard.
 * @param onChange Called after a removal.
 * @returns A Hono app to mount at "/".
 * @example
 * ```ts
 * // GET /api/subjects → {"subjects": [{"name": "Ada", "ownerId": "", "ownerName": "", "embeddingCount": 3, "updatedAt": "…"}]}
 * ```
 */
export function createSubjectsApi(gallery: GalleryStore, guard: MiddlewareHandler, onChange: () => void = () => {}): Hono {
  const app = new Hono();
  app.use("/api/subjects", guard);
  app.use("/api/subjects/*", guard);
  app.get("/api/subjects", async (c) => c.json({ subjects: await gallery.listSubjects() }));
  app.delete("/api/subjects/:name", async (c) => {
    const name = c.req.param("name");
    if (!(await gallery.removeSubject(name))) return c.json({ error: `Subject "${name}" not found` }, 404);
    onChange();
    return c.json({ removed: name });
  });
  return app;
}
