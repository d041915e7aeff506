/** Reads a run-lab.sh raw folder and computes, per delay and transport, the numbers the report shows. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { median, percentile } from "../stats.ts";

export type TransportName = "rest" | "rest-keepalive" | "websocket" | "tcp";

export interface LabMeta {
  command: string;
  link: "netem" | "delay-line";
  delays: number[];
  transports: TransportName[];
  requests: number;
  serverRuntime: string;
  clientRuntime: string;
  priority?: string;
  congestionControl?: string;
  image: string;
  endpoint: string;
  cores: number;
  kernel: string;
  date: string;
}

export interface TransportCell {
  /** Median full-process latency. */
  fullMs: number;
  p95Ms: number;
  meanMs: number;
  /** Median server processing time. */
  processingMs: number;
  /** Median over requests of (full − processing) − k × RTT. */
  overheadMs: number;
  /** overheadMs minus the same transport's overheadMs at delay 0 (what the delay itself added beyond k × RTT); undefined without a 0 row. */
  networkOverheadMs: number | undefined;
}

export interface LabRow {
  delay: number;
  /** Ping RTT (avg of 20; see pingRtt). */
  rttMs: number;
  /** Median TCP connect time (the client's "Network Only" probe), across transports. */
  connectMs: number | undefined;
  /** Median server processing time across transports. */
  processingMs: number;
  transports: Partial<Record<TransportName, TransportCell>>;
}

export interface LabAnalysis {
  meta: LabMeta;
  rows: LabRow[];
  svgName: string;
}

interface BenchJson {
  fullProcessMs: { samples: number[]; mean: number };
  serverProcessingMs: { samples: number[] };
  networkOnlyMs: { samples: number[] };
}

/** The individual `time=… ms` values of a ping transcript. */
export function pingTimes(transcript: string): number[] {
  return [...transcript.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
}

/**
 * The RTT of a ping transcript: the avg of its summary line (µs resolution), else the median of
 * the per-packet times (ping prints those with 3 significant digits, e.g. "time=320 ms").
 */
export function pingRtt(transcript: string): number {
  const summary = /= [\d.]+\/([\d.]+)\/[\d.]+\/[\d.]+ ms/.exec(transcript);
  return summary ? Number(summary[1]) : median(pingTimes(transcript));
}

export function analyseLab(rawDir: string, svgName: string): LabAnalysis {
  const meta = JSON.parse(readFileSync(join(rawDir, "meta.json"), "utf8")) as LabMeta;
  const rows: LabRow[] = [];
  for (const delay of meta.delays) {
    const rttMs = pingRtt(readFileSync(join(rawDir, `ping-${delay}.txt`), "utf8"));
    const transports: LabRow["transports"] = {};
    const allProcessing: number[] = [];
    const allConnect: number[] = [];
    for (const transport of meta.transports) {
      const file = join(rawDir, `${delay}-${transport}.json`);
      if (!existsSync(file)) continue;
      const bench = JSON.parse(readFileSync(file, "utf8")) as BenchJson;
      const full = bench.fullProcessMs.samples;
      const processing = bench.serverProcessingMs.samples;
      const k = transport === "rest" ? 2 : 1;
      const net = full.map((ms, i) => ms - (processing[i] ?? Number.NaN)).filter(Number.isFinite);
      transports[transport] = {
        fullMs: median(full),
        p95Ms: percentile(full, 95),
        meanMs: bench.fullProcessMs.mean,
        processingMs: median(processing),
        overheadMs: median(net) - k * rttMs,
        networkOverheadMs: undefined,
      };
      allProcessing.push(...processing);
      allConnect.push(...bench.networkOnlyMs.samples);
    }
    rows.push({
      delay,
      rttMs,
      connectMs: allConnect.length > 0 ? median(allConnect) : undefined,
      processingMs: median(allProcessing),
      transports,
    });
  }
  const baseline = rows.find((row) => row.delay === 0);
  if (baseline !== undefined) {
    for (const row of rows) {
      for (const transport of meta.transports) {
        const cell = row.transports[transport];
        const base = baseline.transports[transport];
        if (cell !== undefined && base !== undefined) cell.networkOverheadMs = cell.overheadMs - base.overheadMs;
      }
    }
  }
  return { meta, rows, svgName };
}
