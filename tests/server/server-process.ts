/**
 * The one test helper that starts the real EdgeVision server as a child process under Deno, Node
 * or Bun (the same entry points users run), waits for its "listening" lines (HTTP, and the TCP and
 * trainer ports when there are) and stops it with SIGTERM. Server, browser, client, recognition
 * tests and bench-browser all use it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

let nodeBuildChecked = false;

/**
 * Builds Node's entry points (server, engine worker, detect command) into dist/node/ as `npm run
 * serve:node` does (scripts/build-node.mjs, which does nothing when it is up to date), once per process.
 * @throws {Error} When the build fails.
 */
export function buildNodeEntryPoints(): void {
  if (nodeBuildChecked) return;
  const result = spawnSync(process.execPath, ["scripts/build-node.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Node build failed:\n${result.stdout}\n${result.stderr}`);
  nodeBuildChecked = true;
}

/**
 * The argv that starts the server under `runtime`, relative to the checkout it runs in (Node's
 * build is made first when it is out of date).
 */
export function serverCommand(runtime: RuntimeName): string[] {
  if (runtime === "node") {
    buildNodeEntryPoints();
    // As package.json's serve:node (the main isolate's young generation as in src/server/pool/isolate-memory.ts).
    return [process.execPath, "--max-semi-space-size=2", "dist/node/serve.mjs"];
  }
  if (runtime === "bun") return [join(ROOT, "node_modules", ".bin", "bun"), "src/runtime/bun/serve.ts"];
  return denoServeCommand();
}

/**
 * The argv another checkout's tests would start its server with (its own entry points and runtime
 * flags), for before/after measurements against an older checkout.
 *
 * @param root The other checkout (with node_modules).
 * @param runtime Which runtime runs it.
 */
export async function checkoutServerCommand(root: string, runtime: RuntimeName): Promise<string[]> {
  const helper = await import(pathToFileURL(join(root, "tests", "server", "server-process.ts")).href) as { serverCommand(runtime: RuntimeName): string[] };
  return helper.serverCommand(runtime);
}

/** A running server process. */
export interface ServerProcess {
  runtime: RuntimeName;
  port: number;
  /** `http://127.0.0.1:PORT`. */
  base: string;
  /** The same as {@link base}. */
  url: string;
  /** `http://…` of `--trainer-port`, when one was asked for. */
  trainerUrl: string | undefined;
  /** Port of the persistent-TCP transport, when the server printed one. */
  tcpPort: number | undefined;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
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
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** The checkout to run the server from (default: this one; bench-serving's `--before` runs an older one). */
  cwd?: string;
}

/**
 * Starts a server on an ephemeral port.
 *
 * @param runtime Which runtime runs it.
 * @param args Extra server flags (e.g. `--pool-size 1`).
 * @param options Another command, the start-up timeout, or `port`: 0 (default) for a free port, or
 *   a port to bind again (a server back at the address a client already knows).
 */
export async function startServer(runtime: RuntimeName, args: string[] = [], options: StartOptions = {}): Promise<ServerProcess> {
  const [command, ...commandArgs] = options.command ?? serverCommand(runtime);
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const child = spawn(command as string, [...commandArgs, "--port", String(options.port ?? 0), "--host", "127.0.0.1", ...args], {
    cwd: options.cwd ?? ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
    // Its own process group, so a SIGKILL also ends the server under Deno's launcher.
    detached: true,
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const wantsTrainer = args.includes("--trainer-port");
  let check: () => void = () => undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${runtime} server did not start in ${startTimeoutMs / 1000} s:\n${text}`)), startTimeoutMs);
    check = () => {
      const match = text.match(/EdgeVision listening on http:\/\/\S+:(\d+)/);
      if (match && (!wantsTrainer || trainerUrlIn(text) !== undefined)) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${runtime} server exited with ${code} before listening:\n${text}`));
    });
  });
  // Once listening, the output is only collected: matching the whole collected text on every
  // chunk (it grows by a timing-log line per request) would cost the client more each request.
  child.stdout?.off("data", check);
  child.stderr?.off("data", check);
  const tcpPort = text.match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/)?.[1];
  return {
    runtime,
    port,
    base: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    trainerUrl: trainerUrlIn(text),
    tcpPort: tcpPort === undefined ? undefined : Number(tcpPort),
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

function trainerUrlIn(text: string): string | undefined {
  return text.match(/trainer port listening on (http:\/\/\S+)/i)?.[1];
}

/**
 * Builds the browser bundle (dist/browser/) the server's static route serves.
 * @throws {Error} When the build fails.
 */
export function buildBrowserBundle(): void {
  const result = spawnSync(process.execPath, ["scripts/build-browser.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Browser build failed:\n${result.stdout}\n${result.stderr}`);
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
