/**
 * Extracts the image bytes from a REST request in the four ways the reference accepts (§2.1):
 * a raw `image/jpeg` / `image/png` body, a multipart file part `image`, or a form-urlencoded
 * Base64 field `image`. Anything else gets the reference's exact 400 text.
 * @module
 */
import { httpError } from "./http-replies.ts";
import { decodeLenientBase64 } from "./lenient-base64.ts";
import { type BodyLimits, readBody } from "./read-body.ts";
import { IMAGE_REQUEST_TEXTS as TEXT } from "./reference-texts.ts";

const PART_TYPES = new Set(["image/png", "image/jpeg", "application/octet-stream"]);

/**
 * Reads the image of an image-endpoint request. The declared image type is never checked
 * against the bytes; the decoder sniffs the format.
 *
 * @param request The incoming request (any method).
 * @param limits Body size limit and deadline.
 * @returns The encoded image bytes (possibly empty: the decoder reports that).
 * @throws {HTTPException} 400 with the reference's text, 408/413 from the body reader.
 */
export async function readImageRequest(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  if (request.method !== "POST") throw httpError(400, TEXT.notPost);
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "image/jpeg" || mediaType === "image/png") return await readBody(request, limits);
  if (mediaType === "multipart/form-data") return await imageFromMultipart(request, limits);
  if (mediaType === "application/x-www-form-urlencoded") return await imageFromUrlencoded(request, limits);
  throw httpError(400, TEXT.badContentType);
}

async function imageFromMultipart(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const body = await readBody(request, limits);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw httpError(400, "Malformed multipart/form-data body");
  }
  const part = form.get("image");
  if (part === null || typeof part === "string") throw httpError(400, TEXT.noImagePart);
  const partType = part.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!PART_TYPES.has(partType)) throw httpError(400, TEXT.badPartType);
  return new Uint8Array(await part.arrayBuffer());
}

async function imageFromUrlencoded(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const body = await readBody(request, limits);
  const value = new URLSearchParams(new TextDecoder().decode(body)).get("image");
  if (value === null) throw httpError(400, TEXT.missingImageField);
  try {
    return decodeLenientBase64(value);
  } catch (error) {
    throw httpError(400, `Cannot decode the 'image' parameter: ${(error as Error).message}`);
  }
}
