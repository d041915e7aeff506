/**
 * A minimal HTTP/1.1 client over node:net (works unchanged in Node, Deno and Bun). Used instead
 * of fetch so the benchmark controls connection reuse exactly: `rest` opens a new TCP connection
 * per request (as the reference's `requests.post` does) and `rest-keepalive` keeps one.
 * TCP_NODELAY is set, so a request leaves in one write without waiting for an ACK.
 */
import { connect, type Socket } from "node:net";

export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Uint8Array;
  /** True when the server asked to close the connection (or HTTP/1.0). */
  closes: boolean;
}

/** Opens a TCP connection with TCP_NODELAY; resolves once connected. */
export function connectTcp(host: string, port: number, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Connecting to "${host}:${port}" timed out`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** One HTTP/1.1 connection that sends requests one at a time. */
export class Http1Connection {
  readonly #socket: Socket;
  #buffer: Uint8Array = new Uint8Array(0);
  #waiter: { resolve: (r: HttpResponse) => void; reject: (e: Error) => void } | undefined;
  #ended = false;
  #error: Error | undefined;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (chunk: Uint8Array) => {
      this.#buffer = concatBytes(this.#buffer, chunk);
      this.#tryParse();
    });
    socket.on("end", () => {
      this.#ended = true;
      this.#tryParse();
    });
    socket.on("error", (error: Error) => {
      this.#error = error;
      this.#fail(error);
    });
    socket.on("close", () => {
      this.#ended = true;
      this.#fail(this.#error ?? new Error("Connection closed before a complete response"));
    });
  }

  /** True once the server closed or the socket failed. */
  get isClosed(): boolean {
    return this.#ended || this.#error !== undefined;
  }

  /** Sends a request (head and body in one write) and resolves with the complete response. */
  request(method: string, path: string, headers: Record<string, string>, body: Uint8Array): Promise<HttpResponse> {
    if (this.#waiter !== undefined) throw new Error("A request is already in flight on this connection");
    const head = `${method} ${path} HTTP/1.1\r\n` +
      Object.entries({ ...headers, "Content-Length": String(body.length) }).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
    const promise = new Promise<HttpResponse>((resolve, reject) => (this.#waiter = { resolve, reject }));
    this.#socket.write(concatBytes(new TextEncoder().encode(head), body));
    return promise;
  }

  close(): void {
    this.#socket.destroy();
  }

  #tryParse(): void {
    if (this.#waiter === undefined) return;
    const parsed = parseResponse(this.#buffer, this.#ended);
    if (parsed === undefined) {
      if (this.#ended) this.#fail(new Error("Connection closed before a complete response"));
      return;
    }
    this.#buffer = this.#buffer.subarray(parsed.consumed);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter.resolve(parsed.response);
  }

  #fail(error: Error): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }
}

const CRLFCRLF = [13, 10, 13, 10];

/**
 * Parses one response from the front of `bytes`; undefined while incomplete.
 * Handles Content-Length, chunked transfer coding and read-until-close bodies.
 */
export function parseResponse(bytes: Uint8Array, ended: boolean): { response: HttpResponse; consumed: number } | undefined {
  const headEnd = indexOf(bytes, CRLFCRLF, 0);
  if (headEnd < 0) return undefined;
  const lines = new TextDecoder().decode(bytes.subarray(0, headEnd)).split("\r\n");
  const statusLine = lines.shift() ?? "";
  const match = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
  if (match === null) throw new Error(`Bad HTTP status line "${statusLine}"`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const status = Number(match[2]);
  const closes = match[1] === "0" || (headers.get("connection") ?? "").toLowerCase() === "close";
  const start = headEnd + 4;
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  if (noBody) return { response: { status, headers, body: new Uint8Array(0), closes }, consumed: start };
  const length = headers.get("content-length");
  if (length !== undefined) {
    const end = start + Number(length);
    if (bytes.length < end) return undefined;
    return { response: { status, headers, body: bytes.slice(start, end), closes }, consumed: end };
  }
  if ((headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked")) {
    const parts: Uint8Array[] = [];
    let offset = start;
    for (;;) {
      const lineEnd = indexOf(bytes, [13, 10], offset);
      if (lineEnd < 0) return undefined;
      const size = parseInt(new TextDecoder().decode(bytes.subarray(offset, lineEnd)), 16);
      offset = lineEnd + 2;
      if (size === 0) {
        const trailerEnd = indexOf(bytes, [13, 10], offset); // no trailers expected: just the final CRLF
        if (trailerEnd < 0) return undefined;
        const body = parts.reduce(concatBytes, new Uint8Array(0));
        return { response: { status, headers, body, closes }, consumed: trailerEnd + 2 };
      }
      if (bytes.length < offset + size + 2) return undefined;
      parts.push(bytes.subarray(offset, offset + size));
      offset += size + 2;
    }
  }
  if (!ended) return undefined;
  return { response: { status, headers, body: bytes.slice(start), closes: true }, consumed: bytes.length };
}

function indexOf(bytes: Uint8Array, pattern: number[], from: number): number {
  outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return new Uint8Array(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
