/**
 * The serving floor of scripts/bench-serving.ts: the least a WebSocket server of this runtime can
 * add around an engine on this machine. No Hono, no pool, no engine: the runtime's own WebSocket
 * server (Deno.upgradeWebSocket, Bun.serve, Node http + ws) answers each binary frame with a fixed
 * reply of a real reply's length after `busy` milliseconds of spinning, either in one worker (the
 * bytes transferred there and a small result posted back, as the server's pool does: `/worker`) or
 * on the main thread (`/direct`). The client's full process time minus `busy` is what any server
 * of this shape costs here: loopback, both processes waking up, the runtime's WebSocket, the
 * worker hand-offs. `/engine` runs the real face-detection engine in a bare worker
 * (floor-engine-worker.ts) instead of spinning and appends `|<engine.run ms>` to the reply, so the
 * client can subtract the engine's own stages (decode + pre + inference + post, as the bench does for
 * the EdgeVision server): the same bare server with real work. The bisect paths add EdgeVision's
 * layers (floor-edgevision.ts): `/pool` the server's WorkerPool and engine worker;
 * `/service-direct` also its VisionService answered straight from the socket; `/service-nolog` the
 * service through the server's WebSocket connection handler (reply chain, idle timer), `/service`
 * the same with the `--timing-log` line, `/service-metrics` with the `/metrics` histograms instead,
 * `/service-blob` (Deno) with the socket's default Blob frames; `/hono-app/ws/detector/detect/` the
 * server's Hono app (routes, upgrade check, the runtime's Hono upgrade helper) without listeners,
 * `/hono-full/ws/detector/detect/` with both listeners: the server's composition in this process;
 * `/assembled/ws/detector/detect/` the whole server as assembleServer builds it (every mount, the
 * recognition plugin, a pool of its own, `--timing-log on`).
 *
 *   <runtime> scripts/bench-serving/floor-server.ts   (prints "floor listening on PORT"; stdin: busy ms per line)
 * @module
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createInterface } from "node:readline";
import process from "node:process";
import { Worker as NodeWorker } from "node:worker_threads";
import type { Hono } from "hono";
import type { GetConnInfo } from "hono/conninfo";
import type { UpgradeWebSocket } from "hono/ws";
import { type ServiceListeners, startEdgeVisionLayers } from "./floor-edgevision.ts";

/** A reply as long as the face detector's on Bruce.jpg. */
const REPLY = '{"success": "true", "server_processing_time": "4.123", "rects": [[73, 76, 147, 150]]}';

interface FloorWorker {
  run(bytes: Uint8Array, busyMs: number): Promise<void>;
}

/** Milliseconds each frame spins; set from stdin (the bench sends the in-process engine's median). */
let busyMs = 0;

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const runtime = globalThis as unknown as {
  Deno?: {
    serve(options: { port: number; hostname: string; onListen(address: { port: number }): void }, handler: (request: Request) => Response | Promise<Response>): unknown;
    upgradeWebSocket(request: Request): { socket: WebSocket; response: Response };
  };
  Bun?: {
    serve(options: {
      port: number;
      hostname: string;
      fetch(request: Request, server: BunServer): Response | undefined | Promise<Response>;
      websocket: {
        open(ws: BunSocket): void;
        message(ws: BunSocket, message: Uint8Array | string): void;
        close(ws: BunSocket, code: number, reason: string): void;
      };
    }): { port: number };
  };
};

/** The parts of Bun's server and ServerWebSocket the floor uses. */
interface BunServer {
  upgrade(request: Request, options: { data: unknown }): boolean;
}
interface BunSocket {
  data: unknown;
  send(text: string): void;
}

function startWorker(): FloorWorker {
  const url = new URL("./floor-worker.mjs", import.meta.url);
  let pending: (() => void) | undefined;
  const done = () => {
    const wake = pending;
    pending = undefined;
    wake?.();
  };
  if (runtime.Deno !== undefined || runtime.Bun !== undefined) {
    const worker = new Worker(url.href, { type: "module" });
    worker.onmessage = done;
    return { run: (bytes, ms) => new Promise((resolve) => (pending = resolve, worker.postMessage({ bytes, busyMs: ms }, [bytes.buffer as ArrayBuffer]))) };
  }
  const worker = new NodeWorker(url);
  worker.on("message", done);
  return { run: (bytes, ms) => new Promise((resolve) => (pending = resolve, worker.postMessage({ bytes, busyMs: ms }, [bytes.buffer as ArrayBuffer]))) };
}

/** The real engine in a bare worker; resolves once it has loaded. */
async function startEngineWorker(): Promise<(bytes: Uint8Array) => Promise<number>> {
  const url = new URL("./floor-engine-worker.ts", import.meta.url);
  let pending: ((engineMs: number) => void) | undefined;
  let loaded: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  const onReply = (reply: { ready?: boolean; timing?: Record<string, number> }) => {
    if (reply.ready === true) return loaded();
    const wake = pending;
    pending = undefined;
    const t = reply.timing as Record<string, number>;
    wake?.((t.decodeMs as number) + (t.preprocessMs as number) + (t.inferenceMs as number) + (t.postprocessMs as number));
  };
  let post: (bytes: Uint8Array) => void;
  if (runtime.Deno !== undefined || runtime.Bun !== undefined) {
    const worker = new Worker(url.href, { type: "module" });
    worker.onmessage = (event) => onReply(event.data);
    post = (bytes) => worker.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
  } else {
    // Node 20 gives a worker no TypeScript loader: the server's bootstrap registers tsx first.
    const bootstrap = new URL("../../src/runtime/node/ts-worker-bootstrap.mjs", import.meta.url);
    const worker = new NodeWorker(bootstrap, { workerData: { entry: url.href } });
    worker.on("message", onReply);
    post = (bytes) => worker.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]);
  }
  await ready;
  return (bytes) => new Promise((resolve) => (pending = resolve, post(bytes)));
}

const worker = startWorker();
const runEngine = await startEngineWorker();
const edgeVision = await startEdgeVisionLayers(
  runtime.Deno !== undefined
    ? (await import("../../src/runtime/deno/worker-spawn.ts")).createDenoWorkerSpawner()
    : runtime.Bun !== undefined
    ? (await import("../../src/runtime/bun/worker-spawn.ts")).createBunWorkerSpawner()
    : (await import("../../src/runtime/node/worker-spawn.ts")).createNodeWorkerSpawner(),
);

/**
 * The server's Hono app with this runtime's upgrade helper: `/ws/hono-app/…` without listeners,
 * `/ws/hono-full/…` with both, `/ws/assembled/…` the whole server as assembleServer builds it.
 */
async function honoApps(upgradeWebSocket: UpgradeWebSocket<unknown>, getConnInfo: GetConnInfo): Promise<Hono> {
  const { Hono } = await import("hono");
  return new Hono()
    .route("/ws/hono-app", edgeVision.app(upgradeWebSocket, { timingLog: false, metrics: false }))
    .route("/ws/hono-full", edgeVision.app(upgradeWebSocket, { timingLog: true, metrics: true }))
    .route("/ws/assembled", await edgeVision.assembled(upgradeWebSocket, getConnInfo));
}
const isHonoPath = (path: string) => path.startsWith("/ws/hono-") || path.startsWith("/ws/assembled/");

/** The listeners of a path answered by EdgeVision's WebSocket connection handler, or undefined. */
function connectionListeners(path: string): ServiceListeners | undefined {
  if (path.endsWith("/service")) return { timingLog: true, metrics: false };
  if (path.endsWith("/service-nolog") || path.endsWith("/service-blob")) return { timingLog: false, metrics: false };
  if (path.endsWith("/service-metrics")) return { timingLog: false, metrics: true };
  return undefined;
}

/** Answers one frame on `path` (`/ws/worker`, `/ws/direct`, `/ws/engine` or `/ws/pool`). */
async function answer(path: string, bytes: Uint8Array): Promise<string> {
  if (path.endsWith("/pool")) return `${REPLY}|${(await edgeVision.runPool(bytes.slice())).toFixed(4)}`;
  if (path.endsWith("/engine")) return `${REPLY}|${(await runEngine(bytes.slice())).toFixed(4)}`;
  if (path.endsWith("/worker")) await worker.run(bytes.slice(), busyMs);
  else spin(busyMs);
  return REPLY;
}

/**
 * The frame handler of one connection on `path` (every path but the Hono ones).
 *
 * @param path The request path.
 * @param send Sends a text frame on that connection.
 * @returns Handles one binary frame.
 */
function frameHandler(path: string, send: (text: string) => void): (data: ArrayBuffer | Uint8Array | Blob) => void {
  const listeners = connectionListeners(path);
  if (listeners !== undefined) return edgeVision.connection(send, listeners);
  const bytesOf = (data: ArrayBuffer | Uint8Array | Blob) => (data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer));
  if (path.endsWith("/service-direct")) return (data) => void edgeVision.direct(bytesOf(data).slice(), send);
  return (data) => void answer(path, bytesOf(data)).then(send);
}

const listening = (port: number) => console.log(`floor listening on ${port}`);
if (runtime.Deno !== undefined) {
  const deno = runtime.Deno;
  const honoDeno = await import("hono/deno");
  const hono = await honoApps(honoDeno.upgradeWebSocket as UpgradeWebSocket<unknown>, honoDeno.getConnInfo);
  deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => listening(port) }, (request) => {
    const path = new URL(request.url).pathname;
    if (isHonoPath(path)) return hono.fetch(request);
    const { socket, response } = deno.upgradeWebSocket(request);
    // `/service-blob` keeps Deno's default binaryType ("blob"), as the server's Hono adapter does.
    if (!path.endsWith("/service-blob")) socket.binaryType = "arraybuffer";
    const onData = frameHandler(path, (text) => socket.send(text));
    socket.onmessage = (event) => onData(event.data);
    return response;
  });
} else if (runtime.Bun !== undefined) {
  const { getConnInfo, upgradeWebSocket, websocket: honoSocket } = await import("hono/bun");
  const hono = await honoApps(upgradeWebSocket as UpgradeWebSocket<unknown>, getConnInfo);
  /** Connections upgraded by Hono carry its events object; the floor's own carry their path. */
  const isHono = (ws: BunSocket) => typeof ws.data !== "string";
  const handlers = new WeakMap<BunSocket, (data: Uint8Array) => void>();
  const server = runtime.Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request, server) => {
      const path = new URL(request.url).pathname;
      if (isHonoPath(path)) return hono.fetch(request, server);
      return server.upgrade(request, { data: path }) ? undefined : new Response("", { status: 400 });
    },
    websocket: {
      open: (ws) => (isHono(ws) ? honoSocket.open(ws as never) : handlers.set(ws, frameHandler(ws.data as string, (text) => ws.send(text)))),
      message: (ws, message) => {
        if (isHono(ws)) return honoSocket.message(ws as never, message as never);
        if (typeof message !== "string") handlers.get(ws)?.(message);
      },
      close: (ws, code, reason) => (isHono(ws) ? honoSocket.close(ws as never, code, reason) : undefined),
    },
  });
  listening(server.port);
} else {
  const { WebSocketServer } = await import("ws");
  const { createAdaptorServer, upgradeWebSocket } = await import("@hono/node-server");
  const { getConnInfo } = await import("@hono/node-server/conninfo");
  const hono = await honoApps(upgradeWebSocket as UpgradeWebSocket<unknown>, getConnInfo);
  const wss = new WebSocketServer({ noServer: true });
  // Hono's own upgrade listener takes the Hono paths; with a second listener it leaves the others alone.
  const server = createAdaptorServer({ fetch: hono.fetch, websocket: { server: new WebSocketServer({ noServer: true }) } });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = request.url ?? "";
    if (isHonoPath(path)) return;
    wss.handleUpgrade(request, socket, head, (ws) => {
      const onData = frameHandler(path, (text) => ws.send(text));
      ws.on("message", (data: Buffer) => onData(data));
    });
  });
  server.listen(0, "127.0.0.1", () => listening((server.address() as { port: number }).port));
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") break;
  busyMs = Number(line);
}
process.exit(0);
