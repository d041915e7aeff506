/**
 * What `/readyz` reports: models loaded, engine workers alive, gallery loaded, not shutting down.
 *
 * A shared gallery that becomes unreachable after it was loaded does NOT make the server unready:
 * recognition keeps answering from the last loaded copy, and failing every instance's readiness at
 * once would turn a Redis outage into a full outage. The report shows it (`reachable: false`), and
 * so does the `edgevision_gallery_reachable` metric.
 * @module
 */
import type { GalleryHealth } from "../gallery/gallery-store.ts";

/** Live state the report is made from. */
export interface ReadinessSources {
  /** Tasks the workers loaded. */
  tasks(): readonly string[];
  /** Workers ready for jobs, and configured. */
  workers(): { alive: number; size: number };
  /** The gallery's state; absent when recognition is off. */
  gallery?(): GalleryHealth;
  /** True once shutdown has begun (load balancers should stop sending). */
  shuttingDown(): boolean;
}

/** The `/readyz` body. */
export interface ReadinessReport {
  ready: boolean;
  checks: {
    models: { ok: boolean; tasks: string[] };
    workers: { ok: boolean; alive: number; size: number };
    gallery?: GalleryHealth & { ok: boolean };
    shutdown: { ok: boolean };
  };
}

/**
 * Builds the report.
 *
 * @param sources Live state.
 * @returns Ready when models are loaded, at least one worker is alive, the gallery has been
 *   loaded (when there is one) and shutdown has not begun.
 */
export function readinessReport(sources: ReadinessSources): ReadinessReport {
  const tasks = [...sources.tasks()];
  const workers = sources.workers();
  const gallery = sources.gallery?.();
  const checks: ReadinessReport["checks"] = {
    models: { ok: tasks.length > 0, tasks },
    workers: { ok: workers.alive > 0, ...workers },
    ...(gallery === undefined ? {} : { gallery: { ok: gallery.loaded, ...gallery } }),
    shutdown: { ok: !sources.shuttingDown() },
  };
  const ready = checks.models.ok && checks.workers.ok && (checks.gallery?.ok ?? true) && checks.shutdown.ok;
  return { ready, checks };
}
