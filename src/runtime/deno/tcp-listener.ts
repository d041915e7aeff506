/** Persistent-TCP listener for Deno (Deno.listen), mapped onto the shared {@link TcpTransport} seam. */
import type { ListenTcp, TcpConnectionHandler, TcpListener, TcpListenOptions } from "../../server/tcp/tcp-transport.ts";

declare const Deno: {
  listen(options: { hostname: string; port: number; transport: "tcp" }): DenoListener;
};
interface DenoConn {
  read(buffer: Uint8Array): Promise<number | null>;
  write(bytes: Uint8Array): Promise<number>;
  close(): void;
  setNoDelay(noDelay?: boolean): void;
}
interface DenoListener extends AsyncIterable<DenoConn> {
  readonly addr: { port: number };
  close(): void;
}

const READ_BUFFER_BYTES = 64 * 1024;

/** Listens on `hostname:port` and hands every connection to `onConnection`. */
export const listenTcp: ListenTcp = (options: TcpListenOptions): Promise<TcpListener> => {
  const listener = Deno.listen({ hostname: options.hostname, port: options.port, transport: "tcp" });
  const conns = new Set<DenoConn>();
  void (async () => {
    try {
      for await (const conn of listener) {
        conns.add(conn);
        void serveConnection(conn, options).finally(() => conns.delete(conn));
      }
    } catch {
      // the listener was closed
    }
  })();
  return Promise.resolve({
    port: listener.addr.port,
    close: () => {
      listener.close();
      for (const conn of conns) closeQuietly(conn);
      return Promise.resolve();
    },
  });
};

async function serveConnection(conn: DenoConn, options: TcpListenOptions): Promise<void> {
  conn.setNoDelay(true); // replies are single small writes: never wait for a delayed ACK (Nagle)
  let closed = false;
  let resumeReading: (() => void) | undefined;
  let paused = false;
  let writing: Promise<void> = Promise.resolve();
  let markClosed!: () => void;
  const closedByServer = new Promise<void>((resolve) => (markClosed = resolve));
  const handler: TcpConnectionHandler = options.onConnection({
    write: (bytes) => (writing = writing.then(() => writeAll(conn, bytes))),
    close: () => {
      closed = true;
      void writing.finally(() => closeQuietly(conn));
      resumeReading?.();
      markClosed();
    },
    pause: () => (paused = true),
    resume: () => {
      paused = false;
      resumeReading?.();
    },
  });
  try {
    while (!closed) {
      if (paused) await new Promise<void>((resolve) => (resumeReading = resolve));
      if (closed) break;
      const buffer = new Uint8Array(READ_BUFFER_BYTES);
      const n = await conn.read(buffer);
      if (n === null) {
        handler.end(); // the session answers what is queued, then closes
        await closedByServer;
        break;
      }
      handler.receive(buffer.subarray(0, n));
    }
  } catch {
    // reset by peer, or closed by us while reading
  } finally {
    handler.closed();
  }
}

async function writeAll(conn: DenoConn, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) offset += await conn.write(bytes.subarray(offset));
}

function closeQuietly(conn: DenoConn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
