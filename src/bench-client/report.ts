/**
 * The reference client's final "Grand totals" block (§9.4), message for message, and this
 * client's percentile lines.
 */
import { fixed } from "./python-log.ts";
import type { RunningStats } from "./running-stats.ts";
import { USAGE_KEYS } from "./server-stats.ts";

export interface BenchTotals {
  server: string;
  endpoint: string;
  connectionLabel: string;
  threads: number;
  repeat: number;
  fileCount: number;
  frames: number;
  wallSeconds: number;
  fullProcess: RunningStats;
  networkOnly: RunningStats;
  serverTime: RunningStats;
  usage: Map<string, RunningStats>;
  testPass: boolean;
}

/** The messages of the Grand totals block (without the logging prefix), or ["No results"]. */
export function grandTotalsMessages(t: BenchTotals): string[] {
  if (t.fullProcess.count === 0) return ["No results"];
  const header = `Grand totals for ${t.server} ${t.endpoint} ${t.connectionLabel}`;
  const separator = "=".repeat(header.length);
  const lines = [
    separator,
    header,
    `${t.threads} threads repeated ${t.repeat} times on ${t.fileCount} files. ${t.frames} total frames. FPS=${fixed(t.frames / t.wallSeconds, 2)}`,
    separator,
    `====> Average Latency Full Process=${fixed(t.fullProcess.mean, 3)} ms (stddev=${fixed(t.fullProcess.stddev, 3)}) FPS=${fixed(1000 / t.fullProcess.mean, 2)}`,
  ];
  if (t.networkOnly.count > 0) {
    lines.push(`====> Average Latency Network Only=${fixed(t.networkOnly.mean, 3)} ms (stddev=${fixed(t.networkOnly.stddev, 3)})`);
  }
  if (t.serverTime.count > 0) {
    lines.push(`====> Average Server Processing Time=${fixed(t.serverTime.mean, 3)} ms (stddev=${fixed(t.serverTime.stddev, 3)})`);
  }
  for (const { key, label } of USAGE_KEYS) {
    const stats = t.usage.get(key);
    if (stats !== undefined && stats.count > 0) lines.push(`====> Average ${label}=${fixed(stats.mean, 1)}%`);
  }
  const mean = (s: RunningStats | undefined) => fixed(s !== undefined && s.count > 0 ? s.mean : 0, 3);
  lines.push(
    "",
    "Server, Full Process, Network Only, Server Time, CPU Util, Mem Util, GPU Util, GPU Util Max, GPU Util Avg, GPU Mem Util, GPU Mem Util Max, GPU Mem Util Avg",
    [t.server, mean(t.fullProcess), mean(t.networkOnly), mean(t.serverTime), ...USAGE_KEYS.map(({ key }) => mean(t.usage.get(key)))].join(", "),
    `TEST_PASS=${t.testPass ? "True" : "False"}`,
  );
  return lines;
}

/** p50/p95/p99 (and min/max) of each measured series. */
export function percentileMessages(t: BenchTotals): string[] {
  const line = (name: string, s: RunningStats) =>
    `====> ${name} n=${s.count} min=${fixed(s.percentile(0), 3)} p50=${fixed(s.percentile(50), 3)} p95=${fixed(s.percentile(95), 3)} ` +
    `p99=${fixed(s.percentile(99), 3)} max=${fixed(s.percentile(100), 3)} ms`;
  const lines: string[] = [];
  if (t.fullProcess.count > 0) lines.push(line("Latency Full Process", t.fullProcess));
  if (t.networkOnly.count > 0) lines.push(line("Latency Network Only", t.networkOnly));
  if (t.serverTime.count > 0) lines.push(line("Server Processing Time", t.serverTime));
  return lines;
}
