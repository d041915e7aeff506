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
 * layers one at a time (floor-edgevision.ts): `/pool` the server's WorkerPool and engine worker,
 * `/service` also its VisionService and WebSocket handler with the `--timing-log` line,
 * `/service-nolog` the same without the line.
 *
 *   <runtime> scripts/bench-serving/floor-server.ts   (prints "floor listening on PORT"; stdin: busy ms per line)
 * @module
 */
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import process from "node:process";
import { Worker as NodeWorker } from "node:worker_threads";
import { startEdgeVisionLayers } from "./floor-edgevision.ts";

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
    serve(options: { port: number; hostname: string; onListen(address: { port: number }): void }, handler: (request: Request) => Response): unknown;
    upgradeWebSocket(request: Request): { socket: WebSocket; response: Response };
  };
  Bun?: {
    serve(options: {
      port: number;
      hostname: string;
      fetch(request: Request, server: { upgrade(request: Request, options: { data: string }): boolean }): Response | undefined;
      websocket: { message(ws: { data: string; send(text: string): void; onData?: (data: Uint8Array) => void }, message: Uint8Array | string): void };
    }): { port: number };
  };
};

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
/** Whether `path` is answered by EdgeVision's WebSocket handler (and whether with the timing log line). */
const serviceOf = (path: string) => (path.endsWith("/service") ? { timingLog: true } : path.endsWith("/service-nolog") ? { timingLog: false } : undefined);

/** Answers one frame on `path` (`/ws/worker`, `/ws/direct`, `/ws/engine` or `/ws/pool`). */
async function answer(path: string, bytes: Uint8Array): Promise<string> {
  if (path.endsWith("/pool")) return `${REPLY}|${(await edgeVision.runPool(bytes.slice())).toFixed(4)}`;
  if (path.endsWith("/engine")) return `${REPLY}|${(await runEngine(bytes.slice())).toFixed(4)}`;
  if (path.endsWith("/worker")) await worker.run(bytes.slice(), busyMs);
  else spin(busyMs);
  return REPLY;
}

const listening = (port: number) => console.log(`floor listening on ${port}`);
if (runtime.Deno !== undefined) {
  const deno = runtime.Deno;
  deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => listening(port) }, (request) => {
    const path = new URL(request.url).pathname;
    const { socket, response } = deno.upgradeWebSocket(request);
    socket.binaryType = "arraybuffer";
    const service = serviceOf(path);
    if (service !== undefined) {
      const onData = edgeVision.connection((text) => socket.send(text), service.timingLog);
      socket.onmessage = (event) => onData(event.data);
      return response;
    }
    socket.onmessage = async (event) => socket.send(await answer(path, new Uint8Array(event.data as ArrayBuffer)));
    return response;
  });
} else if (runtime.Bun !== undefined) {
  const server = runtime.Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request, server) => (server.upgrade(request, { data: new URL(request.url).pathname }) ? undefined : new Response("", { status: 400 })),
    websocket: {
      async message(ws, message) {
        const service = serviceOf(ws.data);
        if (service !== undefined && typeof message !== "string") {
          const onData = ws.onData ??= edgeVision.connection((text) => ws.send(text), service.timingLog);
          return onData(message);
        }
        if (typeof message !== "string") ws.send(await answer(ws.data, message));
      },
    },
  });
  listening(server.port);
} else {
  const { WebSocketServer } = await import("ws");
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer();
  server.on("upgrade", (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      const service = serviceOf(request.url ?? "");
      if (service !== undefined) {
        const onData = edgeVision.connection((text) => ws.send(text), service.timingLog);
        ws.on("message", (data: Buffer) => onData(data));
        return;
      }
      ws.on("message", async (data: Buffer) => ws.send(await answer(request.url ?? "", data)));
    });
  });
  server.listen(0, "127.0.0.1", () => listening((server.address() as { port: number }).port));
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") break;
  busyMs = Number(line);
}
process.exit(0);
