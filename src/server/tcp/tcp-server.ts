/**
 * Starts the persistent-TCP transport: one {@link TcpSession} per connection, all sharing the
 * server's image service. Each runtime passes its own `listenTcp`.
 */
import { TcpSession, type TcpImageService } from "./tcp-session.ts";
import type { ListenTcp, TcpListener } from "./tcp-transport.ts";

/** Settings of {@link startTcpServer}. */
export interface TcpServerOptions {
  hostname: string;
  /** 0 = let the OS choose (the bound port is in the result). */
  port: number;
  service: TcpImageService;
  maxPayloadBytes: number;
  idleTimeoutMs: number;
  /** A started request must be complete within this many ms (0 = no limit). */
  requestTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * @param listen the runtime's listener (src/runtime/<runtime>/tcp-listener.ts).
 * @returns the listener, with the bound port.
 * @example
 * const tcp = await startTcpServer(listenTcp, { hostname: "0.0.0.0", port: 8011, service, maxPayloadBytes: 16 << 20, idleTimeoutMs: 300_000 });
 * console.log(`TCP on port ${tcp.port}`);
 */
export function startTcpServer(listen: ListenTcp, options: TcpServerOptions): Promise<TcpListener> {
  const { service, maxPayloadBytes, idleTimeoutMs, requestTimeoutMs, onError } = options;
  return listen({
    hostname: options.hostname,
    port: options.port,
    onConnection: (transport) => new TcpSession(transport, { service, maxPayloadBytes, idleTimeoutMs, requestTimeoutMs, onError }),
  });
}
