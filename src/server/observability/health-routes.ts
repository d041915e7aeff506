/**
 * `/healthz` (the process answers), `/readyz` (ready for traffic, see readiness.ts) and
 * `/metrics` (Prometheus text format), for load balancers, Kubernetes probes and scrapers.
 * None of them reveals biometric data; they need no token.
 * @module
 */
import type { Hono } from "hono";
import type { AppMount } from "../app.ts";
import { type ReadinessSources, readinessReport } from "./readiness.ts";
import type { ServerMetrics } from "./server-metrics.ts";

/** Paths of the three endpoints. */
export const HEALTH_PATHS = { health: "/healthz", ready: "/readyz", metrics: "/metrics" } as const;

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Builds the mount.
 *
 * @param readiness Live state for `/readyz`.
 * @param metrics The server's metrics.
 * @returns An {@link AppMount}.
 * @example
 * ```ts
 * createApp({ ...deps, mounts: [healthRoutes(readinessSources, metrics)] });
 * // GET /readyz → 200 {"ready":true,"checks":{...}} or 503 with the failing check
 * ```
 */
export function healthRoutes(readiness: ReadinessSources, metrics: ServerMetrics): AppMount {
  return (app: Hono) => {
    app.on(["GET", "HEAD"], HEALTH_PATHS.health, () => new Response("ok\n", { headers: { "content-type": "text/plain; charset=utf-8" } }));
    app.on(["GET", "HEAD"], HEALTH_PATHS.ready, () => {
      const report = readinessReport(readiness);
      return new Response(`${JSON.stringify(report)}\n`, { status: report.ready ? 200 : 503, headers: { "content-type": JSON_TYPE, "cache-control": "no-store" } });
    });
    app.on(["GET", "HEAD"], HEALTH_PATHS.metrics, async () =>
      new Response(await metrics.text(), { headers: { "content-type": metrics.contentType, "cache-control": "no-store" } }));
  };
}
