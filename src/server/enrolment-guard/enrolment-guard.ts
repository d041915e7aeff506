/**
 * The enrolment guard: one Hono middleware in front of every route that reads or changes a face
 * gallery (the MobiledgeX trainer routes, the subjects API, and any other enrolment API).
 *
 * 1. Cross-site browser requests are refused (403) unless their origin is configured; configured
 *    origins get CORS headers and preflight answers. Without configured origins CORS stays off.
 * 2. With a trainer token, every request needs it (401).
 * 3. Without one, only loopback and private-network clients may use the gallery (403), unless the
 *    operator opened it with `--trainer-access open`.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { htmlResponse } from "../http/http-replies.ts";
import { isCrossSiteRequest } from "./cross-site.ts";
import { isLocalNetworkAddress } from "./local-network-address.ts";
import { checkTrainerToken } from "./trainer-token.ts";

/** Who may use the gallery when no token is configured. */
export type TrainerAccess = "private" | "open";

/** The guard's settings. */
export interface EnrolmentGuardOptions {
  /** The trainer token; `undefined` = none. */
  token: string | undefined;
  /** Without a token: "private" (loopback and private networks only) or "open" (anyone). */
  access: TrainerAccess;
  /** Origins whose pages may use the gallery cross-site (they also get CORS headers). */
  allowedOrigins: readonly string[];
  /** The peer address of a request (the runtime's `getConnInfo`); `undefined` when unknown. */
  clientAddress: (c: Context) => string | undefined;
}

/** Plain-text replies of the guard. */
export const ENROLMENT_GUARD_TEXTS = {
  crossSite: "Cross-site request refused",
  notLocal: "Enrolment is only open to loopback and private-network clients; configure a trainer token",
} as const;

const CORS_METHODS = "GET, POST, DELETE, OPTIONS";
const CORS_HEADERS = "authorization, content-type, x-trainer-token";

/**
 * Creates the middleware.
 *
 * @param options Token, access without a token, allowed origins and the peer-address reader.
 * @returns A Hono middleware; mount it on each gallery path.
 * @example
 * ```ts
 * const guard = createEnrolmentGuard({ token: undefined, access: "private", allowedOrigins: [], clientAddress: (c) => getConnInfo(c).remote.address });
 * app.use("/trainer/add/", guard);
 * ```
 */
export function createEnrolmentGuard(options: EnrolmentGuardOptions): MiddlewareHandler {
  const token = options.token === "" ? undefined : options.token;
  return async (c, next) => {
    const request = c.req.raw;
    const origin = request.headers.get("origin");
    const corsOrigin = origin !== null && options.allowedOrigins.includes(origin) ? origin : undefined;
    if (corsOrigin !== undefined && request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {
      return new Response(null, { status: 204, headers: corsHeaders(corsOrigin) });
    }
    if (isCrossSiteRequest(request, options.allowedOrigins)) return htmlResponse(403, ENROLMENT_GUARD_TEXTS.crossSite);
    if (token !== undefined) {
      const denied = checkTrainerToken(request, token);
      if (denied !== undefined) return denied;
    } else if (options.access !== "open" && !isLocalNetworkAddress(options.clientAddress(c))) {
      return htmlResponse(403, ENROLMENT_GUARD_TEXTS.notLocal);
    }
    await next();
    if (corsOrigin !== undefined) for (const [name, value] of Object.entries(corsHeaders(corsOrigin))) c.res.headers.set(name, value);
  };
}

/**
 * The start-up line that says what the guard allows.
 *
 * @param options The guard's settings.
 * @returns One line for the server log.
 */
export function describeEnrolmentGuard(options: Pick<EnrolmentGuardOptions, "token" | "access">): string {
  if (options.token !== undefined && options.token !== "") return "Enrolment needs the trainer token";
  return options.access === "open"
    ? "No trainer token configured and --trainer-access open: anyone who can reach the server can enrol and remove faces"
    : "No trainer token configured: enrolment, removal and the subjects API accept loopback and private-network clients only (set --trainer-token, or --trainer-access open)";
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": CORS_METHODS,
    "access-control-allow-headers": CORS_HEADERS,
    vary: "Origin",
  };
}
