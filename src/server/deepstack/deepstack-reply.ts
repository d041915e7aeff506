/**
 * DeepStack's reply shapes: JSON (`application/json`, as its Gin server sends), `"success"` a real
 * boolean, and errors as `{"success": false, "error": "…"}` with the status codes DeepStack uses
 * (docs/deepstack.md lists where each text comes from).
 * @module
 */

/** DeepStack's own error texts (server/middlewares/middlewares.go, intelligencelayer/shared/*.py). */
export const DEEPSTACK_ERRORS = {
  noImage: "No valid image file found",
  badMinConfidence: "Invalid value for min_confidence",
  minConfidenceAboveOne: "min_confidence cannot be greater than 1",
  noUserid: "userid not specified",
  wrongApiKey: "Incorrect api key",
  wrongAdminKey: "Incorrect admin key",
  invalidImageFile: "invalid image file",
  invalidImage: "invalid image",
  noFaceDetected: "no face detected",
  noFaceFound: "no face found",
  oneOfTwoImages: "expected two image files, only one found",
  onlyTwoImages: "only two images allowed",
  detectionOff: "Detection endpoint not activated",
  faceOff: "Face endpoints not activated",
} as const;

/** Media type of every DeepStack reply (Gin's `c.JSON`). */
export const DEEPSTACK_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * A JSON reply.
 *
 * @param status HTTP status.
 * @param body The object to send (key order is kept).
 * @param headers Extra headers.
 * @returns The response.
 */
export function deepstackJson(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": DEEPSTACK_CONTENT_TYPE, ...headers } });
}

/**
 * An error reply: `{"success": false, "error": message}`.
 *
 * @param status HTTP status (DeepStack: 400 bad request, 401 wrong key, 403 endpoint off, 500 server error).
 * @param message The error text.
 * @param headers Extra headers (e.g. `Retry-After`).
 * @returns The response.
 * @example
 * ```ts
 * deepstackError(400, DEEPSTACK_ERRORS.noImage); // {"success":false,"error":"No valid image file found"}
 * ```
 */
export function deepstackError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return deepstackJson(status, { success: false, error: message }, headers);
}

/**
 * Thrown by the request helpers; the routes turn it into {@link deepstackError}.
 */
export class DeepstackRequestError extends Error {
  /**
   * @param status HTTP status of the reply.
   * @param message The error text.
   * @param headers Extra reply headers.
   */
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = "DeepstackRequestError";
  }

  /** The reply. */
  toResponse(): Response {
    return deepstackError(this.status, this.message, this.headers);
  }
}
