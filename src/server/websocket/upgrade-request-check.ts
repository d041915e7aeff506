/**
 * Checks a WebSocket upgrade request before the runtime sees it, so a malformed handshake gets the
 * same 400 on every runtime (Deno's `Deno.upgradeWebSocket` throws on it, which used to become a
 * 500 and a stack trace per request).
 * @module
 */
import type { MiddlewareHandler } from "hono";

/**
 * Why an upgrade request cannot be accepted (RFC 6455 §4.2.1), or `undefined` when it can or is
 * no upgrade request at all.
 *
 * @param headers The request headers.
 * @returns The reason, e.g. "Missing or invalid Sec-WebSocket-Key header".
 */
export function upgradeRequestProblem(headers: Headers): string | undefined {
  if (headers.get("upgrade")?.toLowerCase() !== "websocket") return undefined;
  const key = headers.get("sec-websocket-key")?.trim() ?? "";
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return "Missing or invalid Sec-WebSocket-Key header";
  if (headers.get("sec-websocket-version")?.trim() !== "13") return "Missing or unsupported Sec-WebSocket-Version header (13 expected)";
  const connection = headers.get("connection") ?? "";
  if (!connection.toLowerCase().split(",").some((token) => token.trim() === "upgrade")) return "Connection header must include \"Upgrade\"";
  return undefined;
}

/**
 * Middleware in front of a WebSocket route: a malformed upgrade gets 400 with the reason as plain
 * text and one (rate-limited) log line; so does a handshake the runtime itself rejects by throwing.
 *
 * @param upgrade The runtime's upgrade handler for this route.
 * @param warn Rate-limited logger.
 * @returns The guarded handler.
 */
export function checkedUpgrade(upgrade: MiddlewareHandler, warn: (message: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const problem = upgradeRequestProblem(c.req.raw.headers);
    if (problem !== undefined) return refuse(c.req.path, problem, warn);
    try {
      return await upgrade(c, next);
    } catch (error) {
      return refuse(c.req.path, (error as Error)?.message ?? String(error), warn);
    }
  };
}

function refuse(path: string, reason: string, warn: (message: string) => void): Response {
  warn(`Refused a WebSocket upgrade on "${path}": ${reason.split("\n")[0]}`);
  return new Response(`${reason}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", connection: "close" } });
}
