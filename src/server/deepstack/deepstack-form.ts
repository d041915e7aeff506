/**
 * Reads a DeepStack request body the way its Gin server does (`c.PostForm`, `c.MultipartForm`):
 * multipart/form-data with any number of file parts under any names (their declared type is not
 * checked — `requests` sends file parts without one), or application/x-www-form-urlencoded
 * (`requests.post(url, data={...})` without files), or no body at all.
 * @module
 */
import { HTTPException } from "hono/http-exception";
import { type BodyLimits, readBody } from "../http/read-body.ts";
import { DeepstackRequestError } from "./deepstack-reply.ts";

/** The text fields and the file parts of one request. */
export interface DeepstackForm {
  /** Text fields; the last value of a repeated name wins. */
  fields: Map<string, string>;
  /** File parts in body order, with their field names (`image`, `image1`, …). */
  files: { name: string; bytes: Uint8Array }[];
}

/**
 * Reads the body within the server's size and time limits.
 *
 * @param request The incoming request.
 * @param limits Body size limit and deadline.
 * @returns Fields and files (both empty for a body of another type).
 * @throws {DeepstackRequestError} 400 on a malformed multipart body, 408/413 from the body reader.
 */
export async function readDeepstackForm(request: Request, limits: BodyLimits): Promise<DeepstackForm> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const form: DeepstackForm = { fields: new Map(), files: [] };
  let body: Uint8Array;
  try {
    body = await readBody(request, limits);
  } catch (error) {
    if (error instanceof HTTPException) throw new DeepstackRequestError(error.status, error.message, { connection: "close" });
    throw error;
  }
  if (mediaType === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body))) form.fields.set(key, value);
  } else if (mediaType === "multipart/form-data") {
    let parsed: FormData;
    try {
      parsed = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new DeepstackRequestError(400, "Malformed multipart/form-data body");
    }
    for (const [name, value] of parsed) {
      if (typeof value === "string") form.fields.set(name, value);
      else form.files.push({ name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return form;
}
