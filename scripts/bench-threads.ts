/**
 * Workers or threads? For each runtime, two servers side by side (`--tasks face-detection`):
 * pool 2 × 1 WASM thread and pool 1 × 2 WASM threads. In one run, interleaved round by round, it
 * measures over WebSocket (one outstanding frame per client, as the MobiledgeX clients send):
 *   - one client: full-process latency (send → reply) per frame;
 *   - 16 clients: frames per second over the whole burst, and the latency of each frame.
 * Prints medians and p90/p99 per runtime and configuration, and the load average.
 *
 *   npx tsx scripts/bench-threads.ts [--runtimes deno,node,bun] [--rounds 3] [--frames 40]
 *       [--image tests/fixtures/frames/face_240x180.jpg] [--json out.json]
 *
 * `--frames` is per measurement: the one-client run sends that many frames, the 16-client run
 * 16 × that many / 4 (split across the clients). Numbers are only comparable within one run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { ROOT, type RuntimeName, type ServerProcess, startServer } from "../tests/server/server-process.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";

const { values: args } = parseScriptSettings({
  runtimes: SCRIPT_SETTINGS.runtimes(),
  rounds: SCRIPT_SETTINGS.rounds(3),
  frames: SCRIPT_SETTINGS.frames(40),
  image: SCRIPT_SETTINGS.image("tests/fixtures/frames/face_240x180.jpg"),
  json: SCRIPT_SETTINGS.json(),
}, "usage: bench-threads.ts [options]");

const FRAME = new Uint8Array(readFileSync(join(ROOT, args.image)));
const ROUNDS = Number(args.rounds);
const FRAMES = Number(args.frames);
const CLIENTS = 16;
const CONFIGS = [
  { label: "pool 2 × 1 thread", flags: ["--pool-size", "2", "--threads", "1"] },
  { label: "pool 1 × 2 threads", flags: ["--pool-size", "1", "--threads", "2"] },
] as const;

/** A WebSocket client with one outstanding frame. */
class Client {
  readonly #socket: WebSocket;
  #waiting: ((text: string) => void) | undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on("message", (data) => {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve?.(data.toString());
    });
  }

  static async open(port: number): Promise<Client> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/detector/detect/`);
    await new Promise((resolve, reject) => (socket.once("open", resolve), socket.once("error", reject)));
    return new Client(socket);
  }

  /** Sends one frame; resolves with the round trip in milliseconds. */
  async send(): Promise<number> {
    const started = performance.now();
    const reply = new Promise<string>((resolve) => (this.#waiting = resolve));
    this.#socket.send(FRAME, { binary: true });
    const text = await reply;
    if (!text.includes('"success": "true"')) throw new Error(`Unexpected reply: ${text}`);
    return performance.now() - started;
  }

  close(): void {
    this.#socket.close();
  }
}

/** `frames` frames spread over `clients` clients; the latencies and frames per second. */
async function burst(port: number, clients: number, frames: number): Promise<{ latencies: number[]; fps: number }> {
  const open = await Promise.all(Array.from({ length: clients }, () => Client.open(port)));
  try {
    for (const client of open) await client.send(); // warm the connection
    const latencies: number[] = [];
    const perClient = Math.ceil(frames / clients);
    const started = performance.now();
    await Promise.all(open.map(async (client) => {
      for (let i = 0; i < perClient; i++) latencies.push(await client.send());
    }));
    return { latencies, fps: (perClient * clients) / ((performance.now() - started) / 1000) };
  } finally {
    for (const client of open) client.close();
  }
}

function summary(samples: number[]): { median: number; p90: number; p99: number } {
  return { median: percentile(samples, 50), p90: percentile(samples, 90), p99: percentile(samples, 99) };
}

interface Measured {
  runtime: RuntimeName;
  config: string;
  oneClientMs: number[];
  sixteenClientMs: number[];
  sixteenClientFps: number[];
}

const ms = (n: number) => n.toFixed(1);

/** One table row. */
function row(r: Measured): string {
  const one = summary(r.oneClientMs);
  const many = summary(r.sixteenClientMs);
  const fps = summary(r.sixteenClientFps).median;
  return `| ${r.runtime} | ${r.config} | ${ms(one.median)} / ${ms(one.p90)} / ${ms(one.p99)} | ${fps.toFixed(1)} | ${ms(many.median)} / ${ms(many.p90)} / ${ms(many.p99)} |`;
}

const results: Measured[] = [];
const loadBefore = loadavg();
for (const runtime of args.runtimes) {
  const servers: ServerProcess[] = [];
  try {
    for (const config of CONFIGS) {
      servers.push(await startServer(runtime, ["--tasks", "face-detection", "--tcp-port", "off", ...config.flags]));
    }
    const measured = CONFIGS.map((config) => ({ runtime, config: config.label, oneClientMs: [] as number[], sixteenClientMs: [] as number[], sixteenClientFps: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, server] of servers.entries()) {
        const one = await burst(server.port, 1, FRAMES);
        measured[i]!.oneClientMs.push(...one.latencies);
      }
      for (const [i, server] of servers.entries()) {
        const many = await burst(server.port, CLIENTS, (CLIENTS * FRAMES) / 4);
        measured[i]!.sixteenClientMs.push(...many.latencies);
        measured[i]!.sixteenClientFps.push(many.fps);
      }
    }
    results.push(...measured);
    for (const r of measured) console.log(`${row(r)}   (${runtime} done, load ${loadavg()[0]!.toFixed(2)})`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
const loadAfter = loadavg();

console.log(`\n${args.image}, ${ROUNDS} interleaved rounds; load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
console.log("| runtime | configuration | 1 client p50 / p90 / p99 ms | 16 clients FPS (median of rounds) | 16 clients p50 / p90 / p99 ms |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of results) console.log(row(r));
if (args.json !== undefined) writeFileSync(args.json, JSON.stringify({ image: args.image, rounds: ROUNDS, loadBefore, loadAfter, results }, null, 2));
