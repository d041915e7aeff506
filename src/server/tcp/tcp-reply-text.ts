/**
 * Turns the image service's HTTP-shaped answer into the JSON text a TCP client gets. TCP has no
 * status code, so a non-JSON error body (REST's plain-text 400s, the HTML 500 page) becomes a
 * JSON error document instead of a dropped connection (the reference dropped it; see §6.2).
 */
import { tcpErrorReply } from "../../core/protocol/tcp-codec.ts";

/**
 * @param status the HTTP status the REST route would send.
 * @param body the REST body.
 * @returns `body` when it is a JSON object, otherwise `{"success": "false", "error": <text>, "server_processing_time": 0}`.
 * @example tcpReplyText(500, "<h1>Server Error (500)</h1>") // '{"success": "false", "error": "Server Error (500)", "server_processing_time": 0}'
 */
export function tcpReplyText(status: number, body: string): string {
  if (isJsonObject(body)) return body;
  const text = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return tcpErrorReply(text === "" ? `Request failed with status ${status}` : text);
}

function isJsonObject(text: string): boolean {
  if (!text.startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
