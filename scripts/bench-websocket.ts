/**
 * WebSocket benchmark: frames per second and full-process latency percentiles (send → reply, as
 * the reference's multi_client.py measures it) with 1, 4 and 16 concurrent clients sending a
 * 240×180 JPEG, one outstanding frame per client (like the Android and web clients), for each
 * runtime and for pool size 1 versus the default (one worker per core).
 *
 *   npx tsx scripts/bench-websocket.ts [--runtimes deno,node,bun] [--clients 1,4,16] [--frames 240]
 *       [--pools 1,default] [--rounds 3] [--image tests/fixtures/frames/face_240x180.jpg] [--json out.json]
 *
 * Each round starts one server process (`--tasks face-detection`) per runtime and pool size, and
 * for each client count warms up, then measures `--frames` frames in total (split across the
 * clients). FPS is the median over the rounds; latency percentiles pool all rounds' samples. Targets on a 2-core machine:
 * p50 ≤ server processing time + 1 ms with one client; default pool ≥ 1.8× the FPS of pool 1.
 */
import { availableParallelism } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import { startServer } from "../tests/server/server-process.ts";
import { percentile } from "./stats.ts";
import { integer } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { createFaceDetectionEngine, parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";

const ROOT = new URL("../", import.meta.url).pathname;
type Runtime = "deno" | "node" | "bun";

const CORES = availableParallelism();
const { values: args } = parseScriptSettings({
  runtimes: SCRIPT_SETTINGS.runtimes(),
  clients: setting({ flag: "--clients", default: [1, 4, 16], defaultText: "1,4,16", parse: (text, name) => text.split(",").map((n) => integer(1)(n, name)), help: "concurrent clients, comma-separated" }),
  frames: SCRIPT_SETTINGS.frames(240),
  warmup: SCRIPT_SETTINGS.warmup(20),
  pools: setting({
    flag: "--pools",
    default: [1, CORES],
    defaultText: "1,default",
    parse: (text, name) => text.split(",").map((pool) => (pool === "default" ? CORES : integer(1)(pool, name))),
    help: 'worker pool sizes, comma-separated ("default" = the server\'s default: the core count)',
  }),
  rounds: SCRIPT_SETTINGS.rounds(3),
  image: SCRIPT_SETTINGS.image("tests/fixtures/frames/face_240x180.jpg"),
  json: SCRIPT_SETTINGS.json(),
}, "usage: bench-websocket.ts [options]");

const FRAME = new Uint8Array(readFileSync(join(ROOT, args.image)));

interface Sample {
  latencyMs: number;
  serverMs: number;
}

/** One client: sends `count` frames one after another, measuring each round trip. */
async function runClient(url: string, count: number, samples: Sample[] | undefined): Promise<void> {
  const socket = new WebSocket(url);
  socket.binaryType = "nodebuffer";
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const reply = await new Promise<string>((resolve) => {
      socket.once("message", (data) => resolve(String(data)));
      socket.send(FRAME);
    });
    const latencyMs = performance.now() - start;
    const json = JSON.parse(reply) as { success: string; server_processing_time?: string };
    if (json.server_processing_time === undefined || typeof json.server_processing_time !== "string") {
      throw new Error(`Unexpected reply: ${reply}`);
    }
    samples?.push({ latencyMs, serverMs: Number(json.server_processing_time) });
  }
  socket.close();
}

interface Row {
  runtime: Runtime;
  pool: number;
  clients: number;
  frames: number;
  /** Median FPS over the rounds. */
  fps: number;
  /** FPS of each round. */
  roundFps: number[];
  p50: number;
  p95: number;
  p99: number;
  serverP50: number;
  overheadP50: number;
}

/** Samples and FPS of one client count on a running server. */
async function measureClients(port: number, clients: number, frames: number, warmup: number): Promise<{ samples: Sample[]; fps: number }> {
  const url = `ws://127.0.0.1:${port}/ws/detector/detect/`;
  await Promise.all(Array.from({ length: clients }, () => runClient(url, Math.max(2, Math.ceil(warmup / clients)), undefined)));
  const samples: Sample[] = [];
  const perClient = Math.max(1, Math.round(frames / clients));
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, () => runClient(url, perClient, samples)));
  return { samples, fps: samples.length / ((performance.now() - start) / 1000) };
}

function summarise(runtime: Runtime, pool: number, clients: number, samples: Sample[], roundFps: number[]): Row {
  const latency = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const server = samples.map((s) => s.serverMs).sort((a, b) => a - b);
  const overhead = samples.map((s) => s.latencyMs - s.serverMs).sort((a, b) => a - b);
  return {
    runtime, pool, clients, frames: samples.length, fps: percentile([...roundFps].sort((a, b) => a - b), 50), roundFps,
    p50: percentile(latency, 50), p95: percentile(latency, 95), p99: percentile(latency, 99),
    serverP50: percentile(server, 50), overheadP50: percentile(overhead, 50),
  };
}

/**
 * The engine alone on this frame in this (Node) process: median of `engine.run` (decode +
 * inference) and of its processingMs (inference only, what `server_processing_time` reports).
 */
async function inProcessEngineMs(runs: number): Promise<{ run: number; processing: number }> {
  const engine = await createFaceDetectionEngine();
  const total: number[] = [];
  const processing: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const start = performance.now();
    const result = await engine.run("face-detection", FRAME.slice());
    if (i < 20) continue;
    total.push(performance.now() - start);
    processing.push(result.processingMs);
  }
  engine.dispose();
  return { run: percentile(total.sort((a, b) => a - b), 50), processing: percentile(processing.sort((a, b) => a - b), 50) };
}

const { runtimes, clients: clientCounts, pools, frames, rounds } = args;
const collected = new Map<string, { samples: Sample[]; fps: number[] }>();
const key = (runtime: Runtime, pool: number, clients: number) => `${runtime}/${pool}/${clients}`;
const f = (x: number, d = 1) => x.toFixed(d).padStart(7);
console.log(`WebSocket benchmark: ${args.image} (${FRAME.byteLength} bytes), ${frames} frames per configuration and round, ${rounds} rounds, ${CORES} cores`);
const engineAlone = await inProcessEngineMs(100);
console.log(`Engine alone (Node, in-process, median of 100): engine.run ${engineAlone.run.toFixed(2)} ms (decode + inference), processingMs ${engineAlone.processing.toFixed(2)} ms`);
// Rounds alternate pool sizes so that load from other processes drifts over both alike.
for (let round = 1; round <= rounds; round++) {
  for (const runtime of runtimes) {
    for (const pool of pools) {
      const server = await startServer(runtime, ["--pool-size", String(pool), "--tasks", "face-detection"]);
      const port = server.port;
      try {
        for (const clients of clientCounts) {
          const { samples, fps } = await measureClients(port, clients, frames, args.warmup);
          const entry = collected.get(key(runtime, pool, clients)) ?? { samples: [], fps: [] };
          entry.samples.push(...samples);
          entry.fps.push(fps);
          collected.set(key(runtime, pool, clients), entry);
          console.error(`round ${round}: ${runtime} pool ${pool} clients ${clients}: ${fps.toFixed(1)} FPS`);
        }
      } finally {
        await server.stop();
      }
    }
  }
}
const rows: Row[] = [];
console.log("runtime  pool  clients  FPS (median of rounds)  p50 ms  p95 ms  p99 ms  server p50  p50 - server (median)");
for (const runtime of runtimes) {
  for (const pool of pools) {
    for (const clients of clientCounts) {
      const entry = collected.get(key(runtime, pool, clients))!;
      const row = summarise(runtime, pool, clients, entry.samples, entry.fps);
      rows.push(row);
      console.log(
        `${runtime.padEnd(7)} ${String(pool).padStart(5)} ${String(clients).padStart(8)} ${f(row.fps)} [${row.roundFps.map((x) => x.toFixed(0)).join(" ")}]`.padEnd(46) +
          `${f(row.p50)} ${f(row.p95)} ${f(row.p99)} ${f(row.serverP50, 2).padStart(11)} ${f(row.overheadP50, 2).padStart(10)}`,
      );
    }
  }
}
console.log("\nTargets: one client p50 - server time ≤ 1 ms; default pool FPS ≥ 1.8 × pool 1 FPS (same runtime and clients)");
for (const runtime of runtimes) {
  for (const clients of clientCounts) {
    const one = rows.find((r) => r.runtime === runtime && r.pool === 1 && r.clients === clients);
    const all = rows.find((r) => r.runtime === runtime && r.pool === CORES && r.clients === clients);
    if (one && all && CORES > 1) console.log(`${runtime} ${clients} client(s): default/pool-1 FPS = ${(all.fps / one.fps).toFixed(2)}×`);
  }
  for (const row of rows.filter((r) => r.runtime === runtime && r.clients === 1)) {
    console.log(
      `${runtime} pool ${row.pool}, 1 client: p50 ${row.p50.toFixed(2)} ms = server_processing_time ${row.serverP50.toFixed(2)} ms + ${row.overheadP50.toFixed(2)} ms (decode + transport); engine.run alone ${engineAlone.run.toFixed(2)} ms`,
    );
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify({ cores: CORES, image: args.image, engineAlone, rows }, null, 2));
