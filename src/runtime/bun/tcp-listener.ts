/** Persistent-TCP listener for Bun (Bun.listen), mapped onto the shared {@link TcpTransport} seam. */
import type { ListenTcp, TcpConnectionHandler, TcpListener, TcpListenOptions } from "../../server/tcp/tcp-transport.ts";

interface BunSocket {
  data: ConnectionState;
  write(bytes: Uint8Array): number;
  end(): void;
  terminate(): void;
  pause(): void;
  resume(): void;
  setNoDelay(noDelay?: boolean): boolean;
}
interface BunTcpListener {
  readonly port: number;
  stop(closeActiveConnections?: boolean): void;
}
declare const Bun: {
  listen(options: {
    hostname: string;
    port: number;
    allowHalfOpen?: boolean;
    socket: {
      open(socket: BunSocket): void;
      data(socket: BunSocket, chunk: Uint8Array): void;
      drain(socket: BunSocket): void;
      end(socket: BunSocket): void;
      close(socket: BunSocket): void;
      error(socket: BunSocket, error: Error): void;
    };
  }): BunTcpListener;
};

/** Per-socket state: the session and the bytes Bun's socket did not take yet (partial writes). */
interface ConnectionState {
  handler: TcpConnectionHandler;
  pending: Uint8Array[];
  flushed: Array<() => void>;
  closing: boolean;
}

/** Listens on `hostname:port` and hands every connection to `onConnection`. */
export const listenTcp: ListenTcp = (options: TcpListenOptions): Promise<TcpListener> => {
  const listener = Bun.listen({
    hostname: options.hostname,
    port: options.port,
    allowHalfOpen: true,
    socket: {
      open(socket) {
        socket.setNoDelay(true); // replies are single small writes: never wait for a delayed ACK (Nagle)
        const state: ConnectionState = { handler: undefined!, pending: [], flushed: [], closing: false };
        socket.data = state;
        state.handler = options.onConnection({
          write: (bytes) => {
            state.pending.push(bytes);
            flush(socket);
            if (state.pending.length === 0) return;
            return new Promise<void>((resolve) => state.flushed.push(resolve));
          },
          close: () => {
            state.closing = true;
            if (state.pending.length === 0) socket.end();
          },
          pause: () => socket.pause(),
          resume: () => socket.resume(),
        });
      },
      data(socket, chunk) {
        socket.data.handler.receive(new Uint8Array(chunk)); // copy: Bun may reuse its read buffer
      },
      drain(socket) {
        flush(socket);
      },
      end(socket) {
        socket.data.handler.end();
      },
      close(socket) {
        const state = socket.data;
        state.handler.closed();
        for (const resolve of state.flushed.splice(0)) resolve();
      },
      error(socket) {
        socket.terminate();
      },
    },
  });
  return Promise.resolve({
    port: listener.port,
    close: () => {
      listener.stop(true);
      return Promise.resolve();
    },
  });
};

function flush(socket: BunSocket): void {
  const state = socket.data;
  while (state.pending.length > 0) {
    const head = state.pending[0]!;
    const written = socket.write(head);
    if (written < 0) return; // closed; the close handler releases the waiters
    if (written < head.length) {
      state.pending[0] = head.subarray(written);
      return; // wait for drain
    }
    state.pending.shift();
  }
  for (const resolve of state.flushed.splice(0)) resolve();
  if (state.closing) socket.end();
}
