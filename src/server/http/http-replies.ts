/**
 * Response builders and the typed HTTP error of the REST routes. Every reply, JSON included, is
 * served as `text/html; charset=utf-8` like the reference.
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTML_CONTENT_TYPE } from "./reference-texts.ts";

/**
 * A response with the reference's media type.
 *
 * @param status HTTP status.
 * @param body Text (or bytes / stream) of the reply.
 * @param headers Extra headers.
 * @returns The response.
 */
export function htmlResponse(status: number, body: BodyInit | null, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": HTML_CONTENT_TYPE, ...headers } });
}

/**
 * An HTTP error carrying its complete response, thrown from helpers and turned into the response
 * by the app's error handler.
 *
 * @param status HTTP status.
 * @param text Plain-text body.
 * @param headers Extra headers.
 * @returns The exception to throw.
 */
export function httpError(status: ContentfulStatusCode, text: string, headers: Record<string, string> = {}): HTTPException {
  return new HTTPException(status, { message: text, res: htmlResponse(status, text, headers) });
}
