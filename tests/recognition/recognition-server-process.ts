/**
 * Test helper: starts the real Node server entry (`src/runtime/node/serve.ts` under tsx) with an
 * ephemeral port and a given data directory, and stops it. Not a test file itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A running server process. */
export interface ServerProcess {
  baseUrl: string;
  /** Bound port of `--trainer-port 0`, when asked for. */
  trainerUrl: string | undefined;
  /** Port of the persistent-TCP transport, when the server printed one. */
  tcpPort: number | undefined;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/**
 * Spawns the server and waits for its `EdgeVision listening on http://HOST:PORT` line.
 *
 * @param extraArgs Flags after `--port 0`.
 * @returns The running server.
 */
export async function startRecognitionServer(extraArgs: string[]): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "src/runtime/node/serve.ts", "--port", "0", "--host", "127.0.0.1", "--pool-size", "1", ...extraArgs],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "", stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const urls = await new Promise<{ main: string; trainer: string | undefined; tcp: number | undefined }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start within 120 s:\n${stderr}`)), 120_000);
    const check = () => {
      const main = stdout.match(/EdgeVision listening on (http:\/\/\S+)/)?.[1];
      const wantsTrainer = extraArgs.includes("--trainer-port");
      const trainer = (stdout + stderr).match(/trainer port listening on (http:\/\/\S+)/i)?.[1];
      if (main !== undefined && (!wantsTrainer || trainer !== undefined)) {
        clearTimeout(timer);
        const tcp = stdout.match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/)?.[1];
        resolve({ main, trainer, tcp: tcp === undefined ? undefined : Number(tcp) });
      }
    };
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      check();
    });
    child.stderr!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    baseUrl: urls.main,
    trainerUrl: urls.trainer,
    tcpPort: urls.tcp,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
