/**
 * Start-up: milliseconds from spawning the server to the first answered `/detector/detect/`
 * (Bruce.jpg, 200 with a face), polling every 25 ms. Configurations, interleaved per round:
 * each runtime's server entry (as the tests start it), and `deno task serve` itself (the
 * browser-bundle step included). Prints each run, then median and max per configuration.
 * `--before DIR` (an older checkout with node_modules) adds each runtime's server as that
 * checkout starts it, interleaved: a before/after in one run.
 *
 *   npx tsx scripts/bench-startup.ts [--rounds 3] [--port 9250] [--runtimes deno,node,bun] [--before DIR] [-- extra server flags]
 * @module
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { checkoutServerCommand, fixture, ROOT, serverCommand } from "../tests/server/server-process.ts";
import { denoExecutable } from "./deno-executable.mjs";
import { processTreeCpuSeconds } from "./memory/process-tree-rss.ts";
import { SERVER_SETTINGS } from "../src/server/config.ts";
import { anyText } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { median } from "./stats.ts";

const BRUCE = fixture("Bruce.jpg");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `command`; returns ms until the first detect reply with a face and the CPU seconds the
 * process tree used until then (load-independent), or throws after 60 s.
 */
async function timeToFirstDetect(command: string[], port: number, cwd: string): Promise<{ ms: number; cpu: number }> {
  const started = performance.now();
  const [program, ...args] = command;
  const child = spawn(program as string, args, { cwd, stdio: ["ignore", "ignore", "pipe"], detached: true, env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  try {
    while (performance.now() - started < 60_000) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
      try {
        const reply = await fetch(`http://127.0.0.1:${port}/detector/detect/`, { method: "POST", body: BRUCE, headers: { "content-type": "image/jpeg" } });
        const text = await reply.text();
        if (reply.status === 200 && text.includes('"rects": [[')) {
          return { ms: performance.now() - started, cpu: processTreeCpuSeconds(child.pid as number) };
        }
      } catch {
        // Not listening yet.
      }
      await sleep(25);
    }
    throw new Error(`no detect reply within 60 s: ${stderr}`);
  } finally {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // Already gone.
    }
    await new Promise((resolve) => child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve));
  }
}

const { values: options, passThrough: serverArgs } = parseScriptSettings({
  rounds: SCRIPT_SETTINGS.rounds(3),
  port: { ...SERVER_SETTINGS.port, default: 9250 },
  runtimes: SCRIPT_SETTINGS.runtimes(),
  before: setting<string | undefined>({ flag: "--before", default: undefined, defaultText: "none", parse: anyText, help: "an older checkout whose servers start interleaved (before/after in one run)" }),
}, "usage: bench-startup.ts [--rounds N] [--port N] [--runtimes LIST] [--before DIR] [-- SERVER FLAGS...]");
const { rounds, port, runtimes, before } = options;
if (port === 0) {
  console.error("bench-startup.ts: --port 0 is not supported (it polls one fixed port for the first answer)");
  process.exit(2);
}
const flags = ["--port", String(port), "--host", "127.0.0.1", "--tcp-port", "off", ...serverArgs];
const deno = denoExecutable();
/** Name, argv and working directory of each configuration. */
const configurations: [string, string[], string][] = runtimes.includes("deno") ? [["deno task serve (with bundle step)", [deno, "task", "serve", ...flags], ROOT]] : [];
for (const runtime of runtimes) {
  configurations.push([`${runtime} (server only)`, [...serverCommand(runtime), ...flags], ROOT]);
  if (before !== undefined) configurations.push([`${runtime} (server only, before)`, [...await checkoutServerCommand(resolve(before), runtime), ...flags], resolve(before)]);
}
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}${before === undefined ? "" : `; before: ${resolve(before)}`}`);
const times = new Map<string, { ms: number[]; cpu: number[] }>(configurations.map(([name]) => [name, { ms: [], cpu: [] }]));
for (let round = 0; round < rounds; round++) {
  for (const [name, command, cwd] of configurations) {
    const { ms, cpu } = await timeToFirstDetect(command, port, cwd);
    times.get(name)?.ms.push(ms);
    times.get(name)?.cpu.push(cpu);
    console.log(`round ${round + 1}  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${cpu.toFixed(2)} CPU s`);
  }
}
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log("\n| start → first detect answered | median wall | max wall | median CPU (all threads) |\n| --- | --- | --- | --- |");
for (const [name, { ms, cpu }] of times) {
  console.log(`| ${name} | ${median(ms).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms | ${median(cpu).toFixed(2)} s |`);
}
