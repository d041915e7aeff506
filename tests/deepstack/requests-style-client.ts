/**
 * Test helper: a DeepStack client that encodes requests byte for byte the way Python `requests`
 * does in the integrations (deepstack-python / Home Assistant, Frigate's deepstack detector, the
 * DeepStack docs): `files={"image": bytes}` → a multipart part named after the field with
 * `filename` = the field name and no Content-Type; `data={...}` alone → form-urlencoded. Not a test.
 */
import { randomBytes } from "node:crypto";

/** What one call sends. */
export interface DeepstackCall {
  /** `files=` of requests: field name → bytes. */
  files?: Record<string, Uint8Array>;
  /** `data=` of requests: field name → value. */
  data?: Record<string, string | number>;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
}

/** Status and parsed JSON body of a reply. */
export interface DeepstackReply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/**
 * The body and content type requests would send.
 *
 * @param call Files and data.
 * @returns Body bytes (empty without files and data) and the Content-Type header, if any.
 */
export function encodeLikeRequests(call: DeepstackCall): { body: Uint8Array; contentType: string | undefined } {
  const data: [string, string][] = Object.entries(call.data ?? {}).map(([k, v]) => [k, String(v)]);
  const files = Object.entries(call.files ?? {});
  if (files.length === 0) {
    if (data.length === 0) return { body: new Uint8Array(0), contentType: undefined };
    return { body: new TextEncoder().encode(new URLSearchParams(data).toString()), contentType: "application/x-www-form-urlencoded" };
  }
  // urllib3's encode_multipart_formdata: 32 hex digits, data fields first, then files.
  const boundary = randomBytes(16).toString("hex");
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(new TextEncoder().encode(s));
  for (const [name, value] of data) text(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const [name, bytes] of files) {
    text(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\n\r\n`);
    chunks.push(bytes);
    text("\r\n");
  }
  text(`--${boundary}--\r\n`);
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * POSTs like `requests.post(url, files=..., data=...)` and parses the JSON reply.
 *
 * @param url Full URL.
 * @param call Files, data and headers.
 * @returns Status, content type and body.
 */
export async function postLikeRequests(url: string, call: DeepstackCall = {}): Promise<DeepstackReply> {
  const { body, contentType } = encodeLikeRequests(call);
  const response = await fetch(url, {
    method: "POST",
    headers: { ...(contentType === undefined ? {} : { "content-type": contentType }), ...call.headers },
    body: body as Uint8Array<ArrayBuffer>,
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: JSON.parse(text) };
}
