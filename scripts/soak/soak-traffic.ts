/**
 * The soak's connections: per transport a pool of persistent connections (REST keep-alive,
 * WebSocket, TCP) that grows on demand up to a cap, one request in flight per connection.
 * @module
 */
import { connectTcp, Http1Connection } from "../../src/bench-client/http1-connection.ts";
import type { SendResult } from "../../src/bench-client/image-sender.ts";
import { openTcpSender } from "../../src/bench-client/tcp-sender.ts";
import { openWebSocketSender } from "../../src/bench-client/websocket-sender.ts";

/** The three transports. */
export type Transport = "rest" | "websocket" | "tcp";
export const TRANSPORTS: readonly Transport[] = ["rest", "websocket", "tcp"];

/** One request: raw image bytes (any transport) or a whole REST body with its content type. */
export type Payload = { bytes: Uint8Array; contentType?: string };

/** One open connection. */
interface Connection {
  send(payload: Payload): Promise<SendResult>;
  close(): void;
  /** True once the server closed it while idle (a REST reply with `Connection: close`); not a lost reply. */
  readonly isClosed?: boolean;
}

/** Where the server listens. */
export interface SoakTarget {
  host: string;
  httpPort: number;
  tcpPort: number;
  endpoint: string;
}

async function openConnection(transport: Transport, target: SoakTarget): Promise<Connection> {
  if (transport === "websocket" || transport === "tcp") {
    const sender = transport === "tcp"
      ? await openTcpSender({ host: target.host, port: target.tcpPort, endpoint: target.endpoint })
      : await openWebSocketSender({ host: target.host, port: target.httpPort, endpoint: target.endpoint });
    return { send: (payload) => sender.send(payload.bytes), close: () => sender.close() };
  }
  const connection = new Http1Connection(await connectTcp(target.host, target.httpPort));
  const decoder = new TextDecoder();
  return {
    async send(payload) {
      if (connection.isClosed) throw new Error("The server closed the keep-alive connection");
      const headers = { Host: `${target.host}:${target.httpPort}`, "Content-Type": payload.contentType ?? "image/jpeg", Connection: "keep-alive" };
      const response = await connection.request("POST", target.endpoint, headers, payload.bytes);
      return { status: response.status, body: decoder.decode(response.body) };
    },
    close: () => connection.close(),
    get isClosed() {
      return connection.isClosed;
    },
  };
}

/** A growing pool of connections of one transport. */
export class ConnectionPool {
  readonly #idle: Connection[] = [];
  #open = 0;

  /**
   * @param transport The transport.
   * @param target The server.
   * @param maxConnections Cap on open connections.
   */
  constructor(readonly transport: Transport, readonly target: SoakTarget, readonly maxConnections: number) {}

  /** Connections currently open. */
  get open(): number {
    return this.#open;
  }

  /** Whether {@link send} would send now (a connection is idle or another may be opened). */
  canSend(): boolean {
    return this.#idle.length > 0 || this.#open < this.maxConnections;
  }

  /**
   * Sends on an idle connection (opening one when none is idle and the cap allows).
   *
   * @returns The reply, or `undefined` when every connection is busy (nothing was sent).
   * @throws {Error} When connecting fails or the connection breaks before the reply (a lost reply).
   */
  async send(payload: Payload, timeoutMs: number): Promise<SendResult | undefined> {
    let connection = this.#idle.pop();
    while (connection?.isClosed === true) {
      connection.close();
      this.#open--;
      connection = this.#idle.pop();
    }
    if (connection === undefined) {
      if (this.#open >= this.maxConnections) return undefined;
      this.#open++;
      try {
        connection = await openConnection(this.transport, this.target);
      } catch (error) {
        this.#open--;
        throw error;
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reply = await Promise.race([
        connection.send(payload),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`No reply within ${timeoutMs} ms`)), timeoutMs))),
      ]);
      this.#idle.push(connection);
      return reply;
    } catch (error) {
      connection.close();
      this.#open--;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes every idle connection. */
  close(): void {
    for (const connection of this.#idle.splice(0)) connection.close();
  }
}
