/**
 * Edge-or-local client: runtime-agnostic (browser, Deno, Node, Bun). Inject the WebSocket
 * constructor and, for on-device fallback, a {@link LocalDetector}.
 * @module
 */
export { createEdgeOrLocalClient } from "./edge-or-local-client.ts";
export type { DetectionOutcome, EdgeOrLocalClient, EdgeOrLocalClientOptions, PathStats } from "./edge-or-local-client.ts";
export { EdgeConnection, EdgeUnavailableError } from "./edge-connection.ts";
export type { EdgeConnectionOptions, WebSocketConstructor, WebSocketLike } from "./edge-connection.ts";
export { TASK_ENDPOINTS, webSocketUrl } from "./endpoints.ts";
export { createEngineLocalDetector } from "./local-detector.ts";
export type { LocalDetector, ReplyFormatter } from "./local-detector.ts";
export { choosePath } from "./path-choice.ts";
export type { DetectionPath, PathFacts, PathPolicy } from "./path-choice.ts";
export { parseReply } from "./reply.ts";
export type { MobiledgeXReply, ReplyRect } from "./reply.ts";
export { RollingLatency } from "./rolling-latency.ts";
