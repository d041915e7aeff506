/**
 * The seam between the runtime-agnostic TCP session and a runtime's socket API
 * (src/runtime/{deno,node,bun}/tcp-listener.ts implement it).
 */

/** One accepted connection as the session sees it. */
export interface TcpTransport {
  /**
   * Queues bytes for sending, in call order. The adapter handles partial writes. A returned
   * promise resolves once the bytes are handed to the OS (the session waits for it before the
   * next reply, which keeps memory bounded for slow readers).
   */
  write(bytes: Uint8Array): void | Promise<void>;
  /** Closes the connection (after the queued bytes are flushed where the runtime allows). */
  close(): void;
  /** Stops delivering received data until {@link resume}; optional (backpressure for pipelined floods). */
  pause?(): void;
  /** Restarts delivery after {@link pause}. */
  resume?(): void;
}

/** What the adapter calls for each connection's events. */
export interface TcpConnectionHandler {
  /** Bytes arrived (the handler may keep the chunk; adapters hand over a fresh buffer). */
  receive(chunk: Uint8Array): void;
  /** The peer finished sending (EOF). */
  end(): void;
  /** The socket is gone (reset, error or closed); no more writes are possible. */
  closed(): void;
}

/** Where and how a runtime should listen. */
export interface TcpListenOptions {
  hostname: string;
  /** 0 asks the OS for a free port. */
  port: number;
  onConnection(transport: TcpTransport): TcpConnectionHandler;
}

/** A listening TCP server. */
export interface TcpListener {
  /** The bound port (useful when 0 was asked for). */
  readonly port: number;
  /** Stops accepting and closes open connections. */
  close(): Promise<void>;
}

/** Each runtime exports one of these from its tcp-listener.ts. */
export type ListenTcp = (options: TcpListenOptions) => Promise<TcpListener>;
