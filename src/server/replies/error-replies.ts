/**
 * The JSON documents the server sends when it cannot produce a task result, in the reference's
 * wording where the reference has one (§2.3, §3.4, §5 of the protocol notes).
 * @module
 */
import { pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import type { TaskName } from "../../core/engine/types.ts";
import { taskDefinition } from "../../core/tasks/registry.ts";

/** Which transport a reply is for: REST replies carry the status code, stream replies cannot. */
export type Transport = "rest" | "websocket" | "tcp";

/**
 * An error document. REST: `{"success": "false", "error": …}` (as the reference's 501/503).
 * WebSocket/TCP: the same plus `"server_processing_time": 0` (integer), as the reference's stream
 * error replies, so clients that always read that key keep working.
 *
 * @param message The error text.
 * @param transport Where the reply goes.
 * @returns The JSON text.
 */
export function errorReplyBody(message: string, transport: Transport): string {
  return transport === "rest"
    ? pythonJsonDumps({ success: "false", error: message })
    : pythonJsonDumps({ success: "false", error: message, server_processing_time: 0 });
}

/**
 * The reply of a server without `task` (texts from its definition): REST 501 with the reference's pose text pattern, or the
 * stream form `{"success": "false", "error": "OpenPose not supported", "server_processing_time": 0}`.
 *
 * @param task The task that is not loaded.
 * @param transport Where the reply goes.
 * @returns Status (501; stream transports ignore it) and body.
 */
export function unsupportedTaskReply(task: TaskName, transport: Transport): { status: number; body: string } {
  const text = taskDefinition(task).unsupported;
  return { status: 501, body: errorReplyBody(transport === "rest" ? text.rest : text.stream, transport) };
}
