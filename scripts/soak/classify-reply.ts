/**
 * What a soak reply means: a result, a well-formed refusal of bad input, a busy reply, or
 * something that should not happen (500, a lost worker, an error for a valid image).
 * @module
 */
import type { SendResult } from "../../src/bench-client/image-sender.ts";
import type { Outcome } from "./soak-stats.ts";
import type { Transport } from "./soak-traffic.ts";

/**
 * @param transport Where the reply came from (stream transports carry no status).
 * @param validInput Whether the request carried an unmutated image.
 * @param reply Status and body.
 * @returns The outcome.
 */
export function classifyReply(transport: Transport, validInput: boolean, reply: SendResult): Outcome {
  let json: { success?: unknown; error?: unknown } | undefined;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  const error = typeof json?.error === "string" ? json.error : reply.body;
  if (error.startsWith("Server busy")) return "busy";
  // A 200 with success "false" and no error is a result too: no face (object, pose) in the image.
  if (reply.status === 200 && (json?.success === "true" || (json?.success === "false" && json.error === undefined))) return "ok";
  if (validInput) return "unexpected";
  if (transport === "rest") return reply.status >= 400 && reply.status < 500 ? "rejected" : "unexpected";
  return json?.success === "false" && error.startsWith("Cannot decode the image") ? "rejected" : "unexpected";
}
