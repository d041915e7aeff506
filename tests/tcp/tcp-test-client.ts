/** A raw persistent-TCP client for tests: write any bytes, read framed replies, observe the close. */
import { connect, type Socket } from "node:net";
import { TcpReplyDecoder } from "../../src/core/protocol/tcp-codec.ts";

export class TcpTestClient {
  readonly socket: Socket;
  readonly #decoder = new TcpReplyDecoder();
  readonly #replies: string[] = [];
  #waiters: Array<() => void> = [];
  #closed = false;
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#replies.push(...this.#decoder.push(new Uint8Array(chunk)));
      this.#wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        this.#closed = true;
        this.#wake();
        resolve();
      })
    );
    socket.on("error", () => undefined);
  }

  static connect(port: number): Promise<TcpTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port, noDelay: true });
      socket.once("connect", () => resolve(new TcpTestClient(socket)));
      socket.once("error", reject);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** The next reply; rejects if the connection closes first. */
  async reply(): Promise<string> {
    for (;;) {
      const next = this.#replies.shift();
      if (next !== undefined) return next;
      if (this.#closed) throw new Error("Connection closed before a reply");
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Bytes received that do not form a complete reply (must be 0 after a clean close). */
  get leftoverBytes(): number {
    return this.#decoder.bufferedBytes;
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.socket.destroy();
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
