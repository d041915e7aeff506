/** Persistent-TCP listener for Node (node:net), mapped onto the shared {@link TcpTransport} seam. */
import { createServer, type Socket } from "node:net";
import type { ListenTcp, TcpListener, TcpListenOptions } from "../../server/tcp/tcp-transport.ts";

/** Listens on `hostname:port` and hands every connection to `onConnection`. */
export const listenTcp: ListenTcp = (options: TcpListenOptions): Promise<TcpListener> => {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true); // replies are single small writes: never wait for a delayed ACK (Nagle)
    const handler = options.onConnection({
      write: (bytes) =>
        new Promise<void>((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve()))),
      close: () => socket.end(() => socket.destroy()),
      pause: () => socket.pause(),
      resume: () => socket.resume(),
    });
    socket.on("data", (chunk: Buffer) => handler.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    socket.on("end", () => handler.end());
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      handler.closed();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      const address = server.address();
      resolve({
        port: typeof address === "object" && address !== null ? address.port : options.port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
};
