/**
 * Starts the real EdgeVision server as a child process under Deno, Node or Bun (the same entry
 * points users run), waits for its "listening" line and stops it with SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { denoExecutable } from "../../scripts/deno-executable.mjs";

export const ROOT = new URL("../../", import.meta.url).pathname;
export type RuntimeName = "deno" | "node" | "bun";
export const RUNTIMES: readonly RuntimeName[] = ["deno", "node", "bun"];

/**
 * The last `deno run …` of `deno task serve` (the launcher, which starts the server with the
 * permissions its flags call for), so the tests run the narrow set users get (the task first
 * builds the browser bundle; that step is skipped here).
 */
function denoServeCommand(): string[] {
  const deno = JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8")) as { tasks: { serve: string } };
  const task = deno.tasks.serve;
  const start = task.lastIndexOf("deno run ");
  if (start < 0) throw new Error(`deno.json's serve task does not run "deno run": ${task}`);
  const words = task.slice(start).split(/\s+/).filter((w) => w !== "");
  words[0] = denoExecutable();
  return words;
}

/** The argv that starts the server under `runtime`. */
export function serverCommand(runtime: RuntimeName): string[] {
  if (runtime === "node") return [process.execPath, "--import", "tsx", "src/runtime/node/serve.ts"];
  if (runtime === "bun") return [join(ROOT, "node_modules", ".bin", "bun"), "src/runtime/bun/serve.ts"];
  return denoServeCommand();
}

/** A running server process. */
export interface ServerProcess {
  runtime: RuntimeName;
  port: number;
  base: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Another way to start the server (e.g. an emulated ARM64 runtime) and how long it may take. */
export interface StartOptions {
  /** The argv up to the server's flags (default: {@link serverCommand}). */
  command?: string[];
  /** Milliseconds to wait for the "listening" line (default 120 000). */
  startTimeoutMs?: number;
}

/**
 * Starts a server on an ephemeral port.
 *
 * @param runtime Which runtime runs it.
 * @param args Extra server flags (e.g. `--pool-size 1`).
 * @param options Another command or start-up timeout.
 */
export async function startServer(runtime: RuntimeName, args: string[] = [], options: StartOptions = {}): Promise<ServerProcess> {
  const [command, ...commandArgs] = options.command ?? serverCommand(runtime);
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const child = spawn(command as string, [...commandArgs, "--port", "0", "--host", "127.0.0.1", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
    // Its own process group, so a SIGKILL also ends the server under Deno's launcher.
    detached: true,
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${runtime} server did not start in ${startTimeoutMs / 1000} s:\n${text}`)), startTimeoutMs);
    const check = () => {
      const match = text.match(/EdgeVision listening on http:\/\/\S+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${runtime} server exited with ${code} before listening:\n${text}`));
    });
  });
  return {
    runtime,
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => text,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Signals the child's whole process group (the child was started `detached`). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Reads a fixture from tests/fixtures. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(ROOT, "tests", "fixtures", name)));
}

/** The reply of a REST request: status, headers and body text. */
export async function post(url: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", body, headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
