/**
 * One WebSocket to one task endpoint of the edge server. Frames go out one at a time (the
 * protocol's clients keep at most one image outstanding per connection) and each binary frame
 * is answered by one text frame.
 * @module
 */

/** The subset of the WHATWG WebSocket the client uses (browser, Deno, Bun, or the `ws` package). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  // deno-lint-ignore no-explicit-any
  onopen: ((event: any) => void) | null;
  // deno-lint-ignore no-explicit-any
  onmessage: ((event: any) => void) | null;
  // deno-lint-ignore no-explicit-any
  onerror: ((event: any) => void) | null;
  // deno-lint-ignore no-explicit-any
  onclose: ((event: any) => void) | null;
  send(data: Uint8Array | string): void;
  close(): void;
}

/** A WebSocket constructor: `globalThis.WebSocket`, or `WebSocket` from the `ws` package in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Thrown when the edge cannot be reached, drops the connection or does not answer in time. */
export class EdgeUnavailableError extends Error {
  override name = "EdgeUnavailableError";
}

/** Timeouts of an {@link EdgeConnection}. */
export interface EdgeConnectionOptions {
  /** Give up opening the socket after this long. */
  connectTimeoutMs: number;
  /** Give up waiting for a reply after this long (the socket is then closed). */
  replyTimeoutMs: number;
}

interface Pending {
  resolve(text: string): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/** A WebSocket to `ws(s)://host/ws/<endpoint>` that answers one request at a time. */
export class EdgeConnection {
  readonly url: string;
  readonly #WebSocket: WebSocketConstructor;
  readonly #options: EdgeConnectionOptions;
  #socket: WebSocketLike | undefined;
  #opening: Promise<void> | undefined;
  #pending: Pending | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param url The WebSocket URL of one task endpoint.
   * @param WebSocket The WebSocket constructor to use.
   * @param options Connect and reply timeouts.
   */
  constructor(url: string, WebSocket: WebSocketConstructor, options: EdgeConnectionOptions) {
    this.url = url;
    this.#WebSocket = WebSocket;
    this.#options = { ...options };
  }

  /** Whether the socket is open now. */
  get isOpen(): boolean {
    return this.#socket !== undefined && this.#socket.readyState === OPEN;
  }

  /**
   * Opens the socket if it is not open.
   * @throws {EdgeUnavailableError} When the handshake fails or times out.
   */
  connect(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /**
   * Sends one encoded image as a binary frame and waits for its text reply.
   *
   * @param image JPEG or PNG bytes.
   * @returns The reply text and how long it took from the send to the reply.
   * @throws {EdgeUnavailableError} When the edge is unreachable, closes, or does not answer in time.
   */
  request(image: Uint8Array): Promise<{ text: string; ms: number }> {
    return this.#serialised(image);
  }

  /**
   * Round trip of a `{"latency_start": <ms>}` text frame, which the server echoes
   * (the web demo's "network only" latency).
   *
   * @returns Milliseconds from send to echo.
   * @throws {EdgeUnavailableError} As {@link EdgeConnection.request}.
   */
  async measureNetworkMs(): Promise<number> {
    const probe = JSON.stringify({ latency_start: Date.now() });
    const { ms } = await this.#serialised(probe);
    return ms;
  }

  /** Closes the socket; a pending request fails with {@link EdgeUnavailableError}. */
  close(): void {
    this.#drop(new EdgeUnavailableError("Connection closed by the client"));
  }

  #serialised(frame: Uint8Array | string): Promise<{ text: string; ms: number }> {
    const run = this.#queue.then(() => this.#exchange(frame));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #exchange(frame: Uint8Array | string): Promise<{ text: string; ms: number }> {
    await this.connect();
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== OPEN) throw new EdgeUnavailableError(`Not connected to "${this.url}"`);
    return await new Promise((resolve, reject) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.#drop(new EdgeUnavailableError(`No reply from "${this.url}" within ${this.#options.replyTimeoutMs} ms`));
      }, this.#options.replyTimeoutMs);
      this.#pending = {
        resolve: (text) => resolve({ text, ms: performance.now() - started }),
        reject,
        timer,
      };
      try {
        socket.send(frame);
      } catch (error) {
        this.#drop(new EdgeUnavailableError(`Cannot send to "${this.url}": ${String(error)}`));
      }
    });
  }

  #open(): Promise<void> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new this.#WebSocket(this.url);
      } catch (error) {
        reject(new EdgeUnavailableError(`Cannot open "${this.url}": ${String(error)}`));
        return;
      }
      socket.binaryType = "arraybuffer";
      this.#socket = socket;
      let settled = false;
      const timer = setTimeout(() => fail(`Connecting to "${this.url}" timed out after ${this.#options.connectTimeoutMs} ms`), this.#options.connectTimeoutMs);
      const fail = (message: string) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          reject(new EdgeUnavailableError(message));
        }
        if (this.#socket === socket) this.#drop(new EdgeUnavailableError(message));
      };
      socket.onopen = () => {
        clearTimeout(timer);
        settled = true;
        resolve();
      };
      socket.onerror = () => fail(`WebSocket error on "${this.url}"`);
      socket.onclose = () => fail(`Connection to "${this.url}" closed`);
      socket.onmessage = (event: { data: unknown }) => {
        const pending = this.#pending;
        if (pending === undefined) return;
        this.#pending = undefined;
        clearTimeout(pending.timer);
        if (typeof event.data === "string") pending.resolve(event.data);
        else pending.reject(new EdgeUnavailableError(`Expected a text frame from "${this.url}"`));
      };
    });
  }

  #drop(error: Error): void {
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      try {
        socket.close();
      } catch {
        // closing a socket that never opened may throw; it is gone either way
      }
    }
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
