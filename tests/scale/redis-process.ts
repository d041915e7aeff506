/**
 * A real `redis-server` for tests: its own temporary directory, an ephemeral port, append-only
 * persistence with fsync on every write (as the deploy/ examples configure it), and stop/start
 * that keeps the data.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProgram, freePort } from "./system-programs.ts";

/** A running (or stopped) Redis with its data directory. */
export interface RedisProcess {
  port: number;
  url: string;
  /** Stops it (SIGTERM: Redis flushes the append-only file) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory, and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes the directory. */
  dispose(): Promise<void>;
}

/**
 * Starts redis-server.
 *
 * @returns The process handle once Redis accepts connections.
 * @throws {Error} When redis-server is not installed or does not start.
 */
export async function startRedis(): Promise<RedisProcess> {
  const program = findProgram("redis-server");
  if (program === undefined) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const directory = mkdtempSync(join(tmpdir(), "scale-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(program, [
      "--port", String(port), "--bind", "127.0.0.1", "--dir", directory, "--save", "",
      "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no", "--loglevel", "warning",
    ], { stdio: ["ignore", "ignore", "inherit"] });
    await waitForPort(port, 10_000);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Resolves once something accepts TCP connections on `port`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Nothing listened on port "${port}" within ${timeoutMs} ms`);
}
