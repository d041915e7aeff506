/**
 * Memory under attack: starts the default server (all tasks, default pool) under each runtime,
 * measures its idle RSS (whole process tree, after one request per task), then runs a fixed
 * hostile sequence while sampling RSS every 20 ms, and prints idle, peak per phase and peak/idle.
 *
 *   npx tsx scripts/attack-memory.ts [--runtimes deno,node,bun] [--seconds 5] [-- extra server flags]
 *
 * Phases: (1) 16 JPEGs of 8,957 bytes declaring 6324×6324 (8 at a time) on REST, then 8 on
 * objects, then 16 declaring 2048×2048 (within the default limit, so decoded);
 * (2) 4 concurrent 20 MiB REST bodies; (3) 4 WebSockets each sending one 60 MiB frame;
 * (4) 4 TCP requests declaring 20 MiB; (5) 32 clients for N seconds sending a mix of normal
 * frames and huge-declared JPEGs over REST and WebSocket. After the attack a normal request must
 * still get the right answer.
 * @module
 */
import { connect } from "node:net";
import WebSocket from "ws";
import { encodeTcpRequest } from "../src/core/protocol/tcp-codec.ts";
import { fixture, post, type RuntimeName, type ServerProcess, startServer } from "../tests/server/server-process.ts";
import { withDeclaredJpegSize } from "./memory/hostile-inputs.ts";
import { mb, processTreeRss, RssSampler } from "./memory/process-tree-rss.ts";
import { positiveNumber } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";

const MIB = 1024 * 1024;
const BRUCE = fixture("Bruce.jpg");
const FRAME_640 = fixture("frame_640x480.jpg");
const BODIES = fixture("6_bodies.jpg");
const HUGE = withDeclaredJpegSize(BRUCE, 6324, 6324);
/** Just within the default pixel limit (2048×2048): decoded in full, so it exercises the in-flight budget. */
const AT_LIMIT = withDeclaredJpegSize(BRUCE, 2048, 2048);
const JPEG = { "content-type": "image/jpeg" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `count` calls of `job`, at most `parallel` at a time; returns the statuses seen. */
async function inParallel(count: number, parallel: number, job: (i: number) => Promise<string>): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const outcome = await job(next++).catch((error) => `error: ${(error as Error).message.slice(0, 60)}`);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
  }));
  return seen;
}

async function restStatus(url: string, body: Uint8Array): Promise<string> {
  const reply = await post(url, body as BodyInit, JPEG);
  return `${reply.status}${reply.text.match(/"error": "[^:"]*/)?.[0].replace('"error": "', " ") ?? ""}`;
}

/** Sends one binary WebSocket message and resolves with the first reply (or how the socket ended). */
function wsExchange(url: string, body: Uint8Array, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    const done = (outcome: string) => {
      clearTimeout(timer);
      socket.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => done("ws timeout"), timeoutMs);
    socket.on("open", () => socket.send(body));
    socket.on("message", (data) => done(`ws ${String(data).match(/"error": "[^:"]*/)?.[0] ?? "ok"}`));
    socket.on("close", (code) => done(`ws closed ${code}`));
    socket.on("error", () => done("ws error"));
  });
}

/** Sends a TCP request declaring `declared` bytes and streams `sent` bytes of it. */
function tcpOversize(port: number, declared: number, sent: number): Promise<string> {
  return new Promise((resolve) => {
    const header = encodeTcpRequest(1, new Uint8Array(0));
    new DataView(header.buffer, header.byteOffset).setUint32(4, declared);
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(header);
      socket.write(new Uint8Array(sent));
    });
    let received = "";
    const timer = setTimeout(() => finish("tcp timeout"), 15_000);
    const finish = (outcome: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => finish(`tcp error${received ? `: ${received.slice(4, 60)}` : ""}`));
    socket.on("close", () => finish(`tcp closed${received ? `: ${received.slice(4, 60)}` : ""}`));
  });
}

/** 32 clients for `seconds`: normal frames and huge-declared JPEGs on REST and WebSocket. */
async function mixedClients(server: ServerProcess, seconds: number): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const end = Date.now() + seconds * 1000;
  const ws = server.base.replace("http", "ws");
  const bodies = [BRUCE, HUGE, FRAME_640, HUGE];
  await Promise.all(Array.from({ length: 32 }, async (_, client) => {
    for (let i = 0; Date.now() < end; i++) {
      const body = bodies[(client + i) % bodies.length] as Uint8Array;
      const outcome = client % 2 === 0
        ? await restStatus(`${server.base}/detector/detect/`, body).catch(() => "rest error")
        : await wsExchange(`${ws}/ws/detector/detect/`, body, 10_000);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
  }));
  return seen;
}

function describeOutcomes(seen: Map<string, number>): string {
  return [...seen].map(([outcome, n]) => `${n}× ${outcome}`).join(", ");
}

async function attack(runtime: RuntimeName, seconds: number, serverArgs: string[]): Promise<void> {
  const server = await startServer(runtime, serverArgs);
  const pid = server.child.pid as number;
  try {
    const tcpMatch = server.output().match(/TCP listening on tcp:\/\/\S+:(\d+)/);
    for (const [path, body] of [["/detector/detect/", BRUCE], ["/recognizer/predict/", BRUCE], ["/openpose/detect/", BODIES], ["/object/detect/", BODIES]] as const) {
      await post(`${server.base}${path}`, body, JPEG);
    }
    await sleep(1000);
    const idle = processTreeRss(pid);
    console.log(`\n${runtime} ${serverArgs.join(" ")}: idle RSS ${mb(idle)} MB`);
    const sampler = new RssSampler(pid);
    let peak = idle;
    const phase = async (name: string, run: () => Promise<Map<string, number> | string>) => {
      const before = processTreeRss(pid);
      sampler.start();
      const outcome = await run();
      await sleep(500);
      const phasePeak = sampler.stop();
      peak = Math.max(peak, phasePeak);
      console.log(`  ${name.padEnd(34)} ${mb(before).padStart(7)} → peak ${mb(phasePeak).padStart(7)} MB  (${typeof outcome === "string" ? outcome : describeOutcomes(outcome)})`);
    };
    await phase("6324×6324 JPEG ×16 (8 parallel)", () => inParallel(16, 8, () => restStatus(`${server.base}/detector/detect/`, HUGE)));
    await phase("6324×6324 JPEG ×8 objects", () => inParallel(8, 8, () => restStatus(`${server.base}/object/detect/`, HUGE)));
    await phase("2048×2048 JPEG ×16 (8 parallel)", () => inParallel(16, 8, () => restStatus(`${server.base}/detector/detect/`, AT_LIMIT)));
    await phase("20 MiB REST body ×4", () => inParallel(4, 4, () => restStatus(`${server.base}/detector/detect/`, new Uint8Array(20 * MIB))));
    await phase("60 MiB WebSocket frame ×4", () => inParallel(4, 4, () => wsExchange(`${server.base.replace("http", "ws")}/ws/detector/detect/`, new Uint8Array(60 * MIB))));
    if (tcpMatch) await phase("TCP declaring 20 MiB ×4", () => inParallel(4, 4, () => tcpOversize(Number(tcpMatch[1]), 20 * MIB, 20 * MIB)));
    await phase(`32 clients × ${seconds} s mixed`, () => mixedClients(server, seconds));
    const check = await post(`${server.base}/detector/detect/`, BRUCE, JPEG);
    const after = processTreeRss(pid);
    console.log(`  after: RSS ${mb(after)} MB; normal request → ${check.status} ${check.text.includes('"rects": [[') ? "face found" : check.text.slice(0, 80)}`);
    console.log(`  RESULT ${runtime}: idle ${mb(idle)} MB, peak ${mb(peak)} MB, peak/idle ${(peak / idle).toFixed(2)}× (target ≤ 1.5×)`);
  } finally {
    await server.stop();
  }
}

const { values: { runtimes, seconds }, passThrough: serverArgs } = parseScriptSettings({
  runtimes: SCRIPT_SETTINGS.runtimes(),
  seconds: setting({ flag: "--seconds", default: 5, parse: positiveNumber, help: "seconds of each attack" }),
}, "usage: attack-memory.ts [--runtimes deno,node,bun] [--seconds N] [-- SERVER FLAGS...]");
for (const runtime of runtimes) await attack(runtime, seconds, serverArgs);
