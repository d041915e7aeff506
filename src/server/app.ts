/**
 * `createApp`: the one Hono app every runtime serves. Built only from injected dependencies; it
 * speaks Web standards (`app.fetch`) and never imports a runtime.
 *
 * Seams for other parts:
 * - `mounts`: extra route modules, registered after the MobiledgeX routes and before the 404
 *   handler, e.g. the browser demo's static assets at `/` or the face-training routes.
 * - Task replies (the face-recognition gallery hook) are plugged into the {@link VisionService}.
 * @module
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { UpgradeWebSocket } from "hono/ws";
import { htmlResponse } from "./http/http-replies.ts";
import { NOT_FOUND_HTML, SERVER_ERROR_HTML } from "./http/reference-texts.ts";
import { registerImageRoutes } from "./routes/image-routes.ts";
import { registerInfoRoutes } from "./routes/info-routes.ts";
import { buildOpenApiDocument, OPENAPI_PATH } from "./openapi/openapi-document.ts";
import { registerSpeedTestRoutes } from "./routes/speed-test-routes.ts";
import { registerUnsupportedRoutes } from "./routes/unsupported-routes.ts";
import { registerWebSocketRoutes, type SocketTracker } from "./routes/websocket-routes.ts";
import { createRateLimitedLog } from "./logging/rate-limited-log.ts";
import type { UsageSampler } from "./usage/system-usage.ts";
import { requestMetricsMiddleware } from "./observability/request-metrics.ts";
import type { ServerMetrics } from "./observability/server-metrics.ts";
import type { VisionService } from "./vision-service.ts";
import type { TaskName } from "../core/engine/types.ts";

/** Shortest time between two log lines about refused WebSocket upgrades. */
const UPGRADE_LOG_INTERVAL_MS = 10_000;

/** Adds routes to the app. Return paths (with trailing slash) that should get the 301 for the slash-less form. */
export type AppMount = (app: Hono) => string[] | void;

/** Everything the app is built from. */
export interface AppDeps {
  /** Runs image tasks (REST and WebSocket). */
  service: VisionService;
  /** The runtime's WebSocket upgrade helper. */
  // deno-lint-ignore no-explicit-any
  upgradeWebSocket: UpgradeWebSocket<any>;
  /** Tasks whose models load on their first request (shown in `/server/capabilities/`). */
  loadOnFirstUse?: readonly TaskName[];
  /** CPU / memory sampler for `/server/usage/`. */
  usage: UsageSampler;
  /** Body / message size limit, body deadline, WebSocket idle timeout. */
  limits: { maxBodyBytes: number; requestTimeoutMs: number; idleTimeoutMs: number };
  /** Registry of open WebSockets (closed on shutdown). */
  sockets: SocketTracker;
  /** Extra route modules (static demo, training routes, ...). */
  mounts?: AppMount[];
  /** Counts every HTTP request by route, status and latency (see observability/). */
  metrics?: ServerMetrics;
  /** Where unexpected errors are reported (default console.error). */
  logError?: (error: unknown) => void;
}

/**
 * Builds the app.
 *
 * @param deps Service, WebSocket upgrade, usage sampler, limits and optional mounts.
 * @returns The Hono app; serve it with `app.fetch`.
 * @example
 * ```ts
 * const app = createApp({ service, upgradeWebSocket, usage, limits, sockets });
 * Deno.serve({ port: 8008 }, app.fetch);
 * ```
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  if (deps.metrics !== undefined) app.use("*", requestMetricsMiddleware(deps.metrics));
  const bodyLimits = { maxBytes: deps.limits.maxBodyBytes, timeoutMs: deps.limits.requestTimeoutMs };
  const slashPaths = new Set<string>([
    ...registerImageRoutes(app, deps.service, bodyLimits),
    ...registerInfoRoutes(app, { tasks: () => deps.service.tasks, loadOnFirstUse: deps.loadOnFirstUse, usage: deps.usage }),
    ...registerOpenApiRoute(app),
    ...registerSpeedTestRoutes(app, bodyLimits),
    ...registerUnsupportedRoutes(app),
  ]);
  registerWebSocketRoutes(app, deps.upgradeWebSocket, deps.service, {
    maxMessageBytes: deps.limits.maxBodyBytes,
    idleTimeoutMs: deps.limits.idleTimeoutMs,
  }, deps.sockets, createRateLimitedLog((line) => console.error(line), UPGRADE_LOG_INTERVAL_MS));
  for (const mount of deps.mounts ?? []) for (const path of mount(app) ?? []) slashPaths.add(path);

  app.notFound((c) => {
    // Django's APPEND_SLASH: a known path without its trailing slash gets a 301 to the slash form.
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith("/") && slashPaths.has(`${url.pathname}/`)) {
      return htmlResponse(301, null, { location: `${url.pathname}/${url.search}`, "content-length": "0" });
    }
    return htmlResponse(404, NOT_FOUND_HTML);
  });
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  app.onError((error) => {
    if (error instanceof HTTPException) return error.getResponse();
    logError(error);
    return htmlResponse(500, SERVER_ERROR_HTML);
  });
  return app;
}

/** `GET /openapi.json`: the image APIs' description, built once from the route definitions. */
function registerOpenApiRoute(app: Hono): string[] {
  const document = JSON.stringify(buildOpenApiDocument());
  app.get(OPENAPI_PATH, () => new Response(document, { headers: { "content-type": "application/json; charset=utf-8" } }));
  return [];
}
