/**
 * A real TCP proxy in front of the edge server for the client tests: it can hold every
 * server→client chunk back by a delay (a slow network) or go away and come back on the same
 * port (an unreachable edge).
 * @module
 */
import { createServer, type Server, type Socket, connect } from "node:net";

/** A running proxy. */
export interface DelayProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Milliseconds added to every chunk from the server (0: pass straight through). */
  delayMs: number;
  /** Closes the listener and every connection (the edge is unreachable). */
  close(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
}

/**
 * Starts a proxy to `upstreamPort` on an ephemeral port.
 *
 * @param upstreamPort The edge server's port on 127.0.0.1.
 * @returns The proxy.
 */
export async function startDelayProxy(upstreamPort: number): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;

  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(upstreamPort, "127.0.0.1");
      sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
      client.pipe(upstream);
      // Chunks keep their order: each is written when its own delay has passed.
      let chain = Promise.resolve();
      upstream.on("data", (chunk: Buffer) => {
        const delay = proxy.delayMs;
        chain = chain.then(() => new Promise<void>((resolve) => setTimeout(resolve, delay))).then(() => {
          if (!client.destroyed) client.write(chunk);
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    port = (server.address() as { port: number }).port;
  };

  const proxy: DelayProxy = {
    url: "",
    delayMs: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    reopen: listen,
  };
  await listen();
  proxy.url = `http://127.0.0.1:${port}`;
  return proxy;
}
