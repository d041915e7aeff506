/**
 * The optional enrolment token: when configured, enrolment, removal and the subjects API need
 * `Authorization: Bearer <token>` or `X-Trainer-Token: <token>`.
 * @module
 */
import { htmlResponse } from "../http/http-replies.ts";

/** Plain-text body of the 401 reply. */
export const UNAUTHORIZED_TEXT = "Missing or wrong trainer token";

/**
 * Checks a request against the token.
 *
 * @param request The request.
 * @param token The configured token, or `undefined` for an open server.
 * @returns `undefined` when allowed, otherwise the 401 response.
 */
export function checkTrainerToken(request: Request, token: string | undefined): Response | undefined {
  if (token === undefined) return undefined;
  const authorization = request.headers.get("authorization") ?? "";
  const offered = authorization.toLowerCase().startsWith("bearer ")
    ? authorization.slice(7).trim()
    : request.headers.get("x-trainer-token") ?? "";
  if (sameText(offered, token)) return undefined;
  return htmlResponse(401, UNAUTHORIZED_TEXT, { "www-authenticate": 'Bearer realm="trainer"' });
}

/**
 * Compares two secrets in time that depends only on their lengths, so a token cannot be guessed
 * byte by byte.
 *
 * @param a Offered text.
 * @param b Configured secret.
 * @returns Whether they are equal.
 */
export function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
  let difference = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return difference === 0;
}
