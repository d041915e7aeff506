/**
 * Serving-path benchmark (issue 13): for each runtime, the in-process pipeline against one client
 * on loopback over WebSocket, REST (keep-alive) and persistent TCP, with the server's own stage
 * timings (`--timing-log on`) for every request, in one run:
 *
 *   npx tsx scripts/bench-serving.ts [--runtimes deno,node,bun] [--transports websocket,rest,tcp]
 *       [--frames 200] [--warmup 50] [--rounds 3] [--image tests/fixtures/Bruce.jpg] [--json out.json]
 *       [--before DIR]
 *
 * Each round visits every runtime and, inside it, measures the in-process engine (a long-running
 * child process of that runtime, warmed up once like the server's worker:
 * scripts/bench-serving/in-process-engine.ts) and then each transport against that runtime's server
 * (one worker, face detection only), so load from other processes drifts over all of them alike. Prints medians and p90 of: the in-process pipeline (decode + pre + inference +
 * post), `server_processing_time`, the client's full process time, and the server's stages.
 * Targets (issue 13): full ≤ pipeline + 0.5 ms; server_processing_time ≤ in-process
 * (pre + inference + post) + 0.2 ms. "full − own engine" pairs each reply with the server's log
 * line of the same request (full process − that request's decode + pre + inference + post): what
 * the serving path costs, without the run-to-run spread of inference between two processes.
 *
 * The floor rows (with the websocket transport): the same client against
 * scripts/bench-serving/floor-server.ts of the same runtime, which spins as long as that round's
 * in-process pipeline median instead of running an engine, in one worker (`floor, worker`) or on its
 * main thread (`floor, no worker`); "full − own engine" there is full − the spin: the least any
 * server of that shape adds on this machine. `bare server + engine`: that server with the real
 * engine in its worker (full − that request's decode + pre + inference + post): the same floor with
 * real work. The bisect rows add EdgeVision's layers to that server one at a time (same subtraction):
 * `bare server + pool` (the server's WorkerPool and engine worker), `+ service, straight from the
 * socket` (its VisionService), `+ service + socket handler` (its WebSocket connection handler), that
 * with Deno's Blob frames, with the metrics histograms, with the timing log line, and `+ service +
 * Hono app` (the server's Hono app and the runtime's Hono upgrade helper) without and with both
 * listeners, and the server's own assembleServer (every mount and plugin) in the floor process
 * (scripts/bench-serving/floor-edgevision.ts).
 *
 * `--before DIR` (a checkout of the code before a change, with node_modules) starts a second server
 * per runtime from DIR and measures it right after the current one in every round, rows `<runtime>
 * before`: a before/after of a serving-path change in one run.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openRestSender } from "../src/bench-client/rest-sender.ts";
import { openTcpSender } from "../src/bench-client/tcp-sender.ts";
import { openWebSocketSender } from "../src/bench-client/websocket-sender.ts";
import type { ImageSender } from "../src/bench-client/image-sender.ts";
import { REQUEST_STAGES } from "../src/server/timing/request-timing.ts";
import { denoExecutable } from "./deno-executable.mjs";
import { anyText, listOf } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";
import { checkoutServerCommand, ROOT, type RuntimeName, type ServerProcess, startServer } from "../tests/server/server-process.ts";

type Transport = "websocket" | "rest" | "tcp";

const { values: args } = parseScriptSettings({
  runtimes: SCRIPT_SETTINGS.runtimes(),
  transports: setting<Transport[]>({ flag: "--transports", default: ["websocket", "rest", "tcp"], defaultText: "websocket,rest,tcp", parse: listOf<Transport>("websocket", "rest", "tcp"), help: "transports, comma-separated" }),
  frames: SCRIPT_SETTINGS.frames(200),
  warmup: SCRIPT_SETTINGS.warmup(50),
  rounds: SCRIPT_SETTINGS.rounds(3),
  image: SCRIPT_SETTINGS.image("tests/fixtures/Bruce.jpg"),
  json: SCRIPT_SETTINGS.json(),
  before: setting<string | undefined>({ flag: "--before", default: undefined, defaultText: "none", parse: anyText, help: "an older checkout whose server runs interleaved (before/after in one run)" }),
}, "usage: bench-serving.ts [options]");
const { runtimes, transports, frames, warmup, rounds } = args;
const image = new Uint8Array(readFileSync(join(ROOT, args.image)));

/** Milliseconds samples by metric name, per runtime and path ("in-process" or a transport). */
const samples = new Map<string, Map<string, number[]>>();
const add = (runtime: string, path: string, metric: string, value: number) => {
  const key = `${runtime}/${path}`;
  const metrics = samples.get(key) ?? samples.set(key, new Map()).get(key)!;
  (metrics.get(metric) ?? metrics.set(metric, []).get(metric)!).push(value);
};

function scriptCommand(runtime: RuntimeName, script: string): string[] {
  if (runtime === "node") return [process.execPath, "--import", "tsx", script];
  if (runtime === "bun") return [join(ROOT, "node_modules/.bin/bun"), script];
  return [denoExecutable(), "run", "--allow-read=.", "--allow-env", script];
}

/** One long-running in-process engine per runtime (started once, warm like a server's worker). */
interface InProcessEngine {
  measure(frames: number): Promise<Record<string, number>[]>;
  stop(): void;
}

async function startInProcess(runtime: RuntimeName): Promise<InProcessEngine> {
  const [command, ...rest] = scriptCommand(runtime, "scripts/bench-serving/in-process-engine.ts");
  const child = spawn(command as string, [...rest, args.image as string, String(warmup)], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let wake: (() => void) | undefined;
  child.stdout.on("data", (chunk) => {
    out += chunk;
    wake?.();
  });
  child.on("exit", () => wake?.());
  const nextLine = async (): Promise<string> => {
    for (;;) {
      const end = out.indexOf("\n");
      if (end >= 0) {
        const line = out.slice(0, end);
        out = out.slice(end + 1);
        return line;
      }
      if (child.exitCode !== null) throw new Error(`${runtime} in-process engine exited with ${child.exitCode}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  while ((await nextLine()) !== "ready");
  return {
    async measure(count) {
      child.stdin.write(`${count}\n`);
      let line = await nextLine();
      while (!line.startsWith('{"samples"')) line = await nextLine();
      return (JSON.parse(line) as { samples: Record<string, number>[] }).samples;
    },
    stop: () => child.stdin.end(),
  };
}

/** scripts/bench-serving/floor-server.ts of one runtime. */
interface FloorServer {
  port: number;
  /** Sets the milliseconds each frame spins. */
  setBusy(ms: number): void;
  stop(): void;
}

async function startFloor(runtime: RuntimeName): Promise<FloorServer> {
  const script = "scripts/bench-serving/floor-server.ts";
  const [command, ...rest] = runtime === "deno"
    ? [denoExecutable(), "run", "--allow-read=.", "--allow-write=data", "--allow-sys=cpus,systemMemoryInfo", "--allow-env", "--allow-net=127.0.0.1", script]
    : scriptCommand(runtime, script);
  const child = spawn(command as string, rest, { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /floor listening on (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`${runtime} floor server exited with ${code}`)));
  });
  return { port, setBusy: (ms) => child.stdin.write(`${ms}\n`), stop: () => child.stdin.end() };
}

/** One floor path: endpoint, row name, and the runtimes it is measured on (all when absent). */
type FloorPath = [endpoint: string, row: string, only?: RuntimeName[]];
const FLOOR_PATHS: FloorPath[] = [
  ["/worker", "floor, worker"], ["/direct", "floor, no worker"], ["/engine", "bare server + engine"], ["/pool", "bare server + pool"],
  ["/service-direct", "+ service, straight from the socket"], ["/service-nolog", "+ service + socket handler"],
  ["/service-blob", "+ service + socket handler, Blob frames", ["deno"]], ["/service-metrics", "+ service + socket handler + metrics"],
  ["/service", "+ service + socket handler + timing log"], ["/hono-app/ws/detector/detect/", "+ service + Hono app"],
  ["/hono-full/ws/detector/detect/", "+ service + Hono app + metrics + timing log"],
  ["/assembled/ws/detector/detect/", "the server's assembleServer, in the floor process"],
];
const floorPathsOf = (runtime: RuntimeName) => FLOOR_PATHS.filter(([, , only]) => only === undefined || only.includes(runtime));

/**
 * One turn of the bench's event loop after each reply, for every row alike: there the server's
 * `--timing-log` lines (paused while a request is in flight) are read. Reading them during the
 * request put the client's handling of the line into the measured time whenever the line arrived
 * with the reply, as it does on Deno, whose `setTimeout(0)` listeners run right after the write
 * (0.24 and 0.37 ms of Deno's `full − own engine` in two runs, 0.1 ms or less on Node and Bun).
 */
const betweenRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

async function overFloor(runtime: RuntimeName, floor: FloorServer, busyMs: number): Promise<void> {
  floor.setBusy(busyMs);
  for (const [endpoint, path] of floorPathsOf(runtime)) {
    const sender = await openWebSocketSender({ host: "127.0.0.1", port: floor.port, endpoint });
    for (let i = 0; i < warmup + frames; i++) {
      const start = performance.now();
      const reply = await sender.send(image);
      const ms = performance.now() - start;
      await betweenRequests();
      if (i < warmup) continue;
      add(runtime, path, "full", ms);
      const engineMs = endpoint === "/worker" || endpoint === "/direct" ? busyMs : Number(reply.body.split("|").at(-1));
      add(runtime, path, "full − own engine", ms - engineMs);
    }
    sender.close();
  }
}

async function inProcess(runtime: RuntimeName, engine: InProcessEngine): Promise<number> {
  const pipeline: number[] = [];
  for (const s of await engine.measure(frames)) {
    pipeline.push(s.pipelineMs as number);
    add(runtime, "in-process", "pipeline", s.pipelineMs as number);
    add(runtime, "in-process", "pre+infer+post", (s.preprocessMs as number) + (s.inferenceMs as number) + (s.postprocessMs as number));
    for (const [key] of REQUEST_STAGES) if (s[key] !== undefined) add(runtime, "in-process", key, s[key] as number);
  }
  return quantile(pipeline, 0.5);
}

async function openSender(transport: Transport, server: ServerProcess, tcpPort: number): Promise<ImageSender> {
  const target = { host: "127.0.0.1", port: server.port, endpoint: "/detector/detect/" };
  if (transport === "websocket") return await openWebSocketSender(target);
  if (transport === "tcp") return await openTcpSender({ ...target, port: tcpPort });
  return await openRestSender({ ...target, keepAlive: true, base64: false, jsonParams: {} });
}

function timingLines(server: ServerProcess, transport: Transport): Record<string, number>[] {
  return server.output().split("\n").filter((l) => l.startsWith('{"timing"'))
    .map((l) => (JSON.parse(l) as { timing: Record<string, number> }).timing)
    .filter((t) => (t.transport as unknown as string) === transport);
}

async function overTransport(runtime: string, transport: Transport, server: ServerProcess, tcpPort: number): Promise<void> {
  const sender = await openSender(transport, server, tcpPort);
  const logged = timingLines(server, transport).length;
  const full: number[] = [];
  const spt: number[] = [];
  for (let i = 0; i < warmup + frames; i++) {
    // The server's log pipe is read between requests, not while one is in flight (see betweenRequests).
    server.child.stderr?.pause();
    const start = performance.now();
    const reply = await sender.send(image);
    const ms = performance.now() - start;
    server.child.stderr?.resume();
    await betweenRequests();
    const time = /"server_processing_time": "([\d.]+)"/.exec(reply.body)?.[1];
    if (reply.status !== 200 || time === undefined) throw new Error(`Unexpected ${transport} reply ${reply.status}: ${reply.body}`);
    if (i < warmup) continue;
    full.push(ms);
    spt.push(Number(time));
  }
  sender.close();
  await new Promise((resolve) => setTimeout(resolve, 200)); // the last log lines
  const timings = timingLines(server, transport).slice(logged + warmup);
  if (timings.length !== full.length) throw new Error(`${runtime} ${transport}: ${timings.length} timing lines for ${full.length} replies`);
  full.forEach((ms, i) => {
    const t = timings[i] as Record<string, number>;
    add(runtime, transport, "full − own engine", ms - (t.decodeMs as number) - (t.preprocessMs as number) - (t.inferenceMs as number) - (t.postprocessMs as number));
  });
  for (const ms of full) add(runtime, transport, "full", ms);
  for (const ms of spt) add(runtime, transport, "server_processing_time", ms);
  for (const t of timings) {
    let stages = 0;
    for (const [key] of REQUEST_STAGES) {
      add(runtime, transport, key, t[key] as number);
      stages += t[key] as number;
    }
    add(runtime, transport, "totalMs", t.totalMs as number);
    add(runtime, transport, "unaccounted", (t.totalMs as number) - stages);
  }
}

const quantile = (values: number[] | undefined, q: number): number => percentile(values ?? [], q * 100);
const med = (runtime: string, path: string, metric: string) => quantile(samples.get(`${runtime}/${path}`)?.get(metric), 0.5);
const cell = (runtime: string, path: string, metric: string) => {
  const values = samples.get(`${runtime}/${path}`)?.get(metric);
  return values === undefined ? "–" : `${quantile(values, 0.5).toFixed(2)} / ${quantile(values, 0.9).toFixed(2)}`;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");

console.log(`Serving benchmark: ${args.image} (${image.byteLength} bytes), one client, loopback, ${frames} frames after ${warmup} warm-up, ${rounds} rounds`);
console.log(`load average at start: ${load()}`);
if (args.before !== undefined) console.log(`before: the server of ${args.before} (rows "<runtime> before")`);
/** Row labels: each runtime, and with --before the same runtime's server from the older checkout. */
const labels = runtimes.flatMap((runtime) => (args.before === undefined ? [runtime] : [runtime, `${runtime} before`]));
const servers = new Map<string, { server: ServerProcess; tcpPort: number }>();
const engines = new Map<RuntimeName, InProcessEngine>();
const floors = new Map<RuntimeName, FloorServer>();
const withFloor = transports.includes("websocket");
try {
  for (const runtime of runtimes) {
    for (const cwd of args.before === undefined ? [ROOT] : [ROOT, args.before as string]) {
      // The older checkout starts as its own tests start it (its own entry points and runtime flags).
      const command = cwd === ROOT ? undefined : await checkoutServerCommand(cwd, runtime);
      const server = await startServer(runtime, ["--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "random", "--timing-log", "on"], { cwd, command });
      const tcpPort = Number(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/.exec(server.output())?.[1]);
      servers.set(cwd === ROOT ? runtime : `${runtime} before`, { server, tcpPort });
    }
    engines.set(runtime, await startInProcess(runtime));
    if (withFloor) floors.set(runtime, await startFloor(runtime));
  }
  for (let round = 1; round <= rounds; round++) {
    for (const runtime of runtimes) {
      const pipelineMs = await inProcess(runtime, engines.get(runtime)!);
      if (withFloor) await overFloor(runtime, floors.get(runtime)!, pipelineMs);
      for (const label of labels.filter((l) => l.split(" ")[0] === runtime)) {
        const { server, tcpPort } = servers.get(label)!;
        for (const transport of transports) await overTransport(label, transport, server, tcpPort);
      }
      console.error(`round ${round}/${rounds}: ${runtime} done (load ${load()})`);
    }
  }
} finally {
  for (const engine of engines.values()) engine.stop();
  for (const floor of floors.values()) floor.stop();
  for (const { server } of servers.values()) await server.stop();
}
console.log(`load average at end: ${load()}\n`);
console.log("| runtime | path | in-process pipeline | server_processing_time | full process | full − own engine | full − pipeline | spt − in-process (pre+infer+post) |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const runtime of runtimes) {
  console.log(`| ${runtime} | in-process | ${cell(runtime, "in-process", "pipeline")} | (pre+infer+post) ${cell(runtime, "in-process", "pre+infer+post")} | – | – | – | – |`);
  for (const label of labels.filter((l) => l.split(" ")[0] === runtime)) {
    for (const transport of transports) {
      const overPipeline = med(label, transport, "full") - med(runtime, "in-process", "pipeline");
      const overEngine = med(label, transport, "server_processing_time") - med(runtime, "in-process", "pre+infer+post");
      console.log(`| ${label} | ${transport} | | ${cell(label, transport, "server_processing_time")} | ${cell(label, transport, "full")} | ${cell(label, transport, "full − own engine")} | ${overPipeline.toFixed(2)} | ${overEngine.toFixed(2)} |`);
    }
  }
  for (const [, path] of withFloor ? floorPathsOf(runtime) : []) {
    const overPipeline = med(runtime, path, "full") - med(runtime, "in-process", "pipeline");
    console.log(`| ${runtime} | ${path} | | – | ${cell(runtime, path, "full")} | ${cell(runtime, path, "full − own engine")} | ${overPipeline.toFixed(2)} | – |`);
  }
}
console.log("\n(median / p90 ms; full − own engine: per request, full process − the server's decode+pre+infer+post of that request");
console.log("(floor rows: − the spin, which is each round's in-process pipeline median; bare server + engine/pool/service: − that request's decode+pre+infer+post);");
console.log("the last two columns are differences of medians against the in-process engine; targets: ≤ 0.5 and ≤ 0.2)\n");
console.log(`| runtime | path | ${REQUEST_STAGES.map(([key]) => key.replace(/Ms$/, "")).join(" | ")} | server total | unaccounted |`);
console.log(`| --- | --- | ${REQUEST_STAGES.map(() => "---").join(" | ")} | --- | --- |`);
for (const label of labels) {
  for (const path of [...(label.includes(" ") ? [] : ["in-process"]), ...transports]) {
    const stages = REQUEST_STAGES.map(([key]) => { const m = med(label, path, key); return Number.isNaN(m) ? "–" : m.toFixed(3); });
    const total = path === "in-process" ? med(label, path, "pipeline") : med(label, path, "totalMs");
    const rest = path === "in-process" ? "–" : med(label, path, "unaccounted").toFixed(3);
    console.log(`| ${label} | ${path} | ${stages.join(" | ")} | ${total.toFixed(3)} | ${rest} |`);
  }
}
console.log("\n(median ms per stage: the server's --timing-log lines; in-process: the engine's own stages)");
if (args.json) {
  const out: Record<string, Record<string, number[]>> = {};
  for (const [key, metrics] of samples) out[key] = Object.fromEntries(metrics);
  writeFileSync(args.json, JSON.stringify({ image: args.image, frames, warmup, rounds, before: args.before, samples: out }));
}
