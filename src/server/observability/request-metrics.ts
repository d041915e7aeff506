/**
 * Counting HTTP requests: a middleware in front of every route, labelled with the matched route
 * pattern (a bounded set; unmatched paths count as "unmatched"), so 404s, 413s and the training
 * routes count too. WebSocket messages and TCP frames are counted from their timing records
 * ({@link ServerMetrics.observeImageRequest}).
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { ServerMetrics } from "./server-metrics.ts";

/**
 * The HTTP middleware. WebSocket upgrades are not counted here (their messages are).
 *
 * @param metrics The server's metrics.
 * @returns Hono middleware for `app.use("*", …)`.
 */
export function requestMetricsMiddleware(metrics: ServerMetrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    if (c.res.status === 101 || c.req.header("upgrade")?.toLowerCase() === "websocket") return;
    const pattern = routePath(c);
    const endpoint = pattern === "" || pattern === "*" || pattern === "/*" && c.res.status === 404 ? "unmatched" : pattern;
    metrics.observeRequest("rest", endpoint, c.res.status, (performance.now() - start) / 1000);
  };
}
