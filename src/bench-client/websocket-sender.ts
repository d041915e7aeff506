/**
 * WebSocket transport (§5): one connection per thread to `ws://host:port/ws<endpoint>`, one binary
 * frame per image, one text frame back. Bun uses its global WebSocket. Node 20 has none, and Deno's
 * global WebSocket leaves Nagle's algorithm on (measured: every ~9 KB image frame waited ~40 ms for
 * the server's delayed ACK), so Node and Deno use the `ws` package, which sets TCP_NODELAY.
 */
import type { ImageSender, SenderTarget, SendResult } from "./image-sender.ts";

interface MinimalWebSocket {
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  send(data: Uint8Array | string): void;
  close(): void;
}
type WebSocketConstructor = new (url: string) => MinimalWebSocket;

async function webSocketClass(): Promise<WebSocketConstructor> {
  const global = globalThis as { Deno?: unknown; Bun?: unknown; WebSocket?: WebSocketConstructor };
  if (global.Bun !== undefined && global.WebSocket !== undefined) return global.WebSocket;
  const ws = await import("ws");
  return ws.default as unknown as WebSocketConstructor;
}

/** Connects and resolves once the WebSocket is open. */
export async function openWebSocketSender(target: SenderTarget): Promise<ImageSender> {
  const WebSocketClass = await webSocketClass();
  const url = `ws://${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}/ws${target.endpoint}`;
  const socket = new WebSocketClass(url);
  socket.binaryType = "arraybuffer";
  let waiter: { resolve: (r: SendResult) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    const w = waiter;
    waiter = undefined;
    w?.reject(failure);
  };
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`WebSocket connection to "${url}" failed`));
    socket.onclose = () => reject(new Error(`WebSocket connection to "${url}" closed during the handshake`));
  });
  socket.onmessage = (event) => {
    const w = waiter;
    waiter = undefined;
    const body = typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data as ArrayBuffer);
    w?.resolve({ status: 200, body });
  };
  socket.onerror = () => fail(new Error("WebSocket error"));
  socket.onclose = () => fail(new Error("The server closed the WebSocket"));
  return {
    send(image: Uint8Array): Promise<SendResult> {
      if (failure !== undefined) return Promise.reject(failure);
      const promise = new Promise<SendResult>((resolve, reject) => (waiter = { resolve, reject }));
      socket.send(image);
      return promise;
    },
    close() {
      socket.onclose = null;
      socket.close();
    },
  };
}
