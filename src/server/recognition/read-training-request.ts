/**
 * Reads the form fields and the image of an enrolment request. The reference's training server
 * takes a form-urlencoded body with a Base64 `image` field; this also accepts multipart (a file
 * part or a Base64 text field `image`) and a raw `image/jpeg` / `image/png` body — the Android
 * app's current uploads — with the other fields then taken from the query string.
 * @module
 */
import { httpError } from "../http/http-replies.ts";
import { decodeLenientBase64 } from "../http/lenient-base64.ts";
import { type BodyLimits, readBody } from "../http/read-body.ts";

/** Fields (query string first, then the body's, which win) and the image, if any. */
export interface TrainingRequest {
  fields: Map<string, string>;
  /** The encoded image; `undefined` when absent or empty. */
  image: Uint8Array | undefined;
  /** The request's media type, lower case, without parameters. */
  mediaType: string;
}

/**
 * Reads a training request of any supported encoding.
 *
 * @param request The incoming request.
 * @param limits Body size limit and deadline.
 * @returns Fields and image.
 * @throws {HTTPException} 400 on a malformed multipart body or bad Base64, 408/413 from the body reader.
 */
export async function readTrainingRequest(request: Request, limits: BodyLimits): Promise<TrainingRequest> {
  const fields = new Map(new URL(request.url).searchParams);
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let image: Uint8Array | undefined;
  if (mediaType === "image/jpeg" || mediaType === "image/png") {
    image = await readBody(request, limits);
  } else if (mediaType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(new TextDecoder().decode(await readBody(request, limits)));
    for (const [key, value] of form) if (key !== "image") fields.set(key, value);
    image = base64Field(form.get("image"));
  } else if (mediaType === "multipart/form-data") {
    let form: FormData;
    try {
      const body = await readBody(request, limits);
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch (error) {
      if (error instanceof Error && error.name === "HTTPException") throw error;
      throw httpError(400, "Malformed multipart/form-data body");
    }
    for (const [key, value] of form) if (key !== "image" && typeof value === "string") fields.set(key, value);
    const part = form.get("image");
    image = part === null ? undefined : typeof part === "string" ? base64Field(part) : new Uint8Array(await part.arrayBuffer());
  } else if (request.body !== null) {
    await request.body.cancel().catch(() => undefined);
  }
  return { fields, image: image !== undefined && image.length > 0 ? image : undefined, mediaType };
}

function base64Field(value: string | null): Uint8Array | undefined {
  if (value === null || value === "") return undefined;
  try {
    return decodeLenientBase64(value);
  } catch (error) {
    throw httpError(400, `Cannot decode the 'image' parameter: ${(error as Error).message}`);
  }
}
