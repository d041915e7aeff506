/**
 * REST transports: `rest` opens a new TCP connection for every request (and asks the server to
 * close it), as the reference client's sessionless `requests.post`; `rest-keepalive` keeps one
 * HTTP/1.1 connection per thread and reconnects only if the server closed it.
 */
import { connectTcp, Http1Connection } from "./http1-connection.ts";
import type { ImageSender, SenderTarget, SendResult } from "./image-sender.ts";

export interface RestOptions extends SenderTarget {
  keepAlive: boolean;
  base64: boolean;
  jsonParams: Record<string, string>;
}

/** Creates a REST sender; the keep-alive variant connects at once. */
export async function openRestSender(options: RestOptions): Promise<ImageSender> {
  const { host, port, endpoint, keepAlive } = options;
  const headers: Record<string, string> = {
    Host: port === 80 ? host : `${host}:${port}`,
    "Content-Type": options.base64 ? "application/x-www-form-urlencoded" : "image/jpeg",
    "Mobiledgex-Debug": "true",
    Connection: keepAlive ? "keep-alive" : "close",
  };
  const body = (image: Uint8Array) => options.base64 ? formBody(image, options.jsonParams) : image;
  const decoder = new TextDecoder();
  let connection = keepAlive ? new Http1Connection(await connectTcp(host, port)) : undefined;

  return {
    async send(image: Uint8Array): Promise<SendResult> {
      if (connection === undefined || connection.isClosed) connection = new Http1Connection(await connectTcp(host, port));
      const current = connection;
      try {
        const response = await current.request("POST", endpoint, headers, body(image));
        return { status: response.status, body: decoder.decode(response.body) };
      } finally {
        if (!keepAlive) {
          current.close();
          connection = undefined;
        }
      }
    },
    close() {
      connection?.close();
    },
  };
}

/** `image=<base64>&key=value…`, form-urlencoded as Python requests does it. */
function formBody(image: Uint8Array, extra: Record<string, string>): Uint8Array {
  const fields = { image: toBase64(image), ...extra };
  const text = Object.entries(fields).map(([k, v]) => `${encodeForm(k)}=${encodeForm(v)}`).join("&");
  return new TextEncoder().encode(text);
}

function encodeForm(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, "+");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
