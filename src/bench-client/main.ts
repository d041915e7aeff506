/**
 * EdgeVision benchmark client: the MobiledgeX multi_client.py options and "Grand totals" output
 * for REST (new connection per request), REST keep-alive, WebSocket and persistent TCP.
 * Runs on Node (`npx edgevision-bench-client …`, the package's bin: bin.mjs), Deno
 * (`deno run -A src/bench-client/main.ts …`) and Bun (`bun src/bench-client/main.ts …`). See `--help`.
 *
 * stdout carries exactly the reference's log lines (so scripts that parse its CSV line keep
 * working); the percentile lines and the progress bar go to stderr.
 */
import { writeFileSync } from "node:fs";
import process from "node:process";
import { parseBenchOptions, USAGE, UsageError } from "./options.ts";
import { ProgressBar } from "./progress-bar.ts";
import { pythonLogLine } from "./python-log.ts";
import { grandTotalsMessages, percentileMessages } from "./report.ts";
import { runBenchmark } from "./run-benchmark.ts";

function runtimeName(): string {
  const global = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (global.Deno !== undefined) return `deno ${global.Deno.version.deno}`;
  if (global.Bun !== undefined) return `bun ${global.Bun.version}`;
  return `node ${process.version}`;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message !== "") console.error(`error: ${error.message}`);
    console.error(USAGE);
    return error.message === "" ? 0 : 2;
  }
  const showProgress = options.progress ?? (process.stdout.isTTY === true && process.stderr.isTTY === true);
  const total = options.threads * options.repeat * options.files.length;
  const progress = showProgress ? new ProgressBar(total, (text) => process.stderr.write(text)) : undefined;
  const log = (thread: string, message: string, level: "INFO" | "WARNING" | "ERROR" = "INFO") => {
    if (progress !== undefined) progress.finish();
    (level === "INFO" ? process.stdout : process.stderr).write(pythonLogLine(thread, level, message) + "\n");
  };
  const totals = await runBenchmark(options, { log, onReply: () => progress?.tick() });
  progress?.finish();
  for (const message of grandTotalsMessages(totals)) process.stdout.write(pythonLogLine("MainThread", "INFO", message) + "\n");
  for (const message of percentileMessages(totals)) process.stderr.write(pythonLogLine("MainThread", "INFO", message) + "\n");
  if (options.jsonFile !== undefined) {
    writeFileSync(options.jsonFile, JSON.stringify({
      client: "src/bench-client/main.ts",
      runtime: runtimeName(),
      server: options.server,
      port: options.port,
      endpoint: options.endpoint,
      connectionMethod: options.connectionLabel,
      networkLatencyMode: options.networkLatency,
      threads: options.threads,
      repeat: options.repeat,
      files: options.files,
      frames: totals.frames,
      wallSeconds: totals.wallSeconds,
      fps: totals.frames / totals.wallSeconds,
      fullProcessMs: totals.fullProcess.toJSON(),
      networkOnlyMs: totals.networkOnly.toJSON(),
      serverProcessingMs: totals.serverTime.toJSON(),
      usage: Object.fromEntries([...totals.usage].map(([key, stats]) => [key, stats.mean])),
      testPass: totals.testPass,
    }, null, 2) + "\n");
  }
  return totals.fullProcess.count > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
