/**
 * The WebSocket endpoints `/ws/<endpoint>`, with and without the trailing slash (the reference
 * matches them by unanchored regex, so both connect).
 * @module
 */
import type { Hono } from "hono";
import type { UpgradeWebSocket } from "hono/ws";
import { IMAGE_ENDPOINTS } from "../endpoints.ts";
import type { VisionService } from "../vision-service.ts";
import { type ImageSocketLimits, imageSocketEvents } from "../websocket/image-socket.ts";
import { checkedUpgrade } from "../websocket/upgrade-request-check.ts";

/** Tracks open sockets so shutdown can close them. */
export interface SocketTracker {
  /** Registers an open socket with its close function; returns the unregister function. */
  opened(close: () => void): () => void;
}

/**
 * Registers `/ws/detector/detect/`, `/ws/recognizer/predict/`, `/ws/openpose/detect/`,
 * `/ws/object/detect/` and their slash-less forms.
 *
 * @param app The app.
 * @param upgradeWebSocket The runtime's upgrade helper (hono/deno, hono/bun, @hono/node-server).
 * @param service Runs the tasks.
 * @param limits Message size and idle limits.
 * @param tracker Open-socket registry.
 * @param warn Rate-limited logger for refused upgrades (malformed handshakes answer 400).
 */
export function registerWebSocketRoutes(
  app: Hono,
  // deno-lint-ignore no-explicit-any
  upgradeWebSocket: UpgradeWebSocket<any>,
  service: VisionService,
  limits: ImageSocketLimits,
  tracker: SocketTracker,
  warn: (message: string) => void,
): void {
  for (const [path, task] of Object.entries(IMAGE_ENDPOINTS)) {
    const handler = checkedUpgrade(upgradeWebSocket(() => imageSocketEvents(task, service, limits, tracker)), warn);
    app.get(`/ws${path}`, handler);
    app.get(`/ws${path.slice(0, -1)}`, handler);
  }
}
