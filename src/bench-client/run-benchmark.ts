/**
 * Runs the benchmark as the reference client does (§9.3/§9.4): `threads` clients started
 * `threadStaggerMs` apart, each sending its files `repeat` times one after another, timing each
 * request from just before sending (image already in memory) to the complete reply.
 */
import { readFileSync } from "node:fs";
import type { ImageSender } from "./image-sender.ts";
import { startNetworkProbe } from "./network-probe.ts";
import type { BenchOptions } from "./options.ts";
import type { BenchTotals } from "./report.ts";
import { openRestSender } from "./rest-sender.ts";
import { RunningStats } from "./running-stats.ts";
import { startServerStats } from "./server-stats.ts";
import { openTcpSender } from "./tcp-sender.ts";
import { openWebSocketSender } from "./websocket-sender.ts";

export interface BenchHooks {
  /** Logs one message as the given thread (INFO unless a level is given). */
  log(thread: string, message: string, level?: "INFO" | "WARNING" | "ERROR"): void;
  /** Called after every counted or refused reply. */
  onReply?(): void;
}

/** Opens the sender for the chosen connection method. */
export function openSender(options: BenchOptions): Promise<ImageSender> {
  const target = { host: options.server, port: options.port, endpoint: options.endpoint };
  switch (options.connection) {
    case "rest":
    case "rest-keepalive":
      return openRestSender({ ...target, keepAlive: options.connection === "rest-keepalive", base64: options.base64, jsonParams: options.jsonParams });
    case "websocket":
      return openWebSocketSender(target);
    case "socket":
      return openTcpSender(target);
  }
}

/** Runs the whole benchmark and returns the grand totals. */
export async function runBenchmark(options: BenchOptions, hooks: BenchHooks): Promise<BenchTotals> {
  const images = options.files.map((file) => new Uint8Array(readFileSync(file)));
  const totals: BenchTotals = {
    server: options.server,
    endpoint: options.endpoint,
    connectionLabel: options.connectionLabel,
    threads: options.threads,
    repeat: options.repeat,
    fileCount: images.length,
    frames: 0,
    wallSeconds: 0,
    fullProcess: new RunningStats(),
    networkOnly: new RunningStats(),
    serverTime: new RunningStats(),
    usage: new Map(),
    testPass: false,
  };
  if (options.base64 && options.connection !== "rest" && options.connection !== "rest-keepalive") {
    hooks.log("MainThread", "--base64 only applies to REST; ignored", "WARNING");
  }
  const started = performance.now();
  const usage = options.serverStats ? startServerStats(options.server, options.connection === "socket" ? 8008 : options.port, (m) => hooks.log("MainThread", m, "WARNING")) : undefined;
  const threads: Promise<void>[] = [];
  for (let index = 0; index < options.threads; index++) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, options.threadStaggerMs));
    const isLast = index === options.threads - 1;
    threads.push(runClientThread(`Thread-${index + 1}`, isLast, options, images, totals, hooks));
  }
  await Promise.all(threads);
  totals.wallSeconds = (performance.now() - started) / 1000;
  if (usage !== undefined) totals.usage = await usage.stop();
  return totals;
}

async function runClientThread(
  name: string,
  withProbe: boolean,
  options: BenchOptions,
  images: Uint8Array[],
  totals: BenchTotals,
  hooks: BenchHooks,
): Promise<void> {
  const own = { fullProcess: new RunningStats(), networkOnly: new RunningStats(), serverTime: new RunningStats() };
  const probe = withProbe && options.networkLatency !== "NONE"
    ? startNetworkProbe(options.networkLatency, options.server, options.port, (ms) => {
      own.networkOnly.push(ms);
      totals.networkOnly.push(ms);
      if (options.showResponses) hooks.log(name, `${ms.toFixed(3)} ms ${options.networkLatency === "PING" ? "ICMP ping" : "to open socket"}`);
    })
    : undefined;
  let sender: ImageSender | undefined;
  try {
    sender = await openSender(options);
    for (let round = 0; round < options.repeat; round++) {
      for (const image of images) {
        const start = performance.now();
        const reply = await sender.send(image);
        const ms = performance.now() - start;
        hooks.onReply?.();
        if (reply.status !== 200) {
          hooks.log(name, `non-200 response: ${reply.status}: ${reply.body}`, "WARNING");
          continue;
        }
        own.fullProcess.push(ms);
        totals.fullProcess.push(ms);
        totals.frames++;
        if (options.showResponses) {
          const shown = options.connection.startsWith("rest") ? `b'${reply.body}'` : reply.body;
          hooks.log(name, `${ms.toFixed(3)} ms to send and receive: ${shown}`);
        }
        recordReply(reply.body, own.serverTime, totals);
      }
    }
  } catch (error) {
    hooks.log(name, `stopped: ${(error as Error).message}`, "ERROR");
  } finally {
    sender?.close();
    await probe?.stop();
  }
  if (options.showResponses && options.threads > 1) {
    const show = (label: string, s: RunningStats) => s.count > 0 && hooks.log(name, `====> Average ${label}=${s.mean.toFixed(3)} ms (stddev=${s.stddev.toFixed(3)})`);
    show("Latency Full Process", own.fullProcess);
    show("Latency Network Only", own.networkOnly);
    show("Server Processing Time", own.serverTime);
  }
}

function recordReply(body: string, threadServerTime: RunningStats, totals: BenchTotals): void {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    totals.testPass = false;
    return;
  }
  const serverTime = Number(parsed.server_processing_time);
  if (parsed.server_processing_time !== undefined && Number.isFinite(serverTime)) {
    threadServerTime.push(serverTime);
    totals.serverTime.push(serverTime);
  }
  totals.testPass = parsed.success === "true"; // like the reference: reflects the last reply
}
