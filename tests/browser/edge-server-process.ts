/**
 * Starts the real EdgeVision server (Node entry, under tsx) as a child process for the browser
 * and client tests, and stops it again. Port 0 picks a free port; a given port re-binds the
 * same one (to bring "the edge" back at the address the page already knows).
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A running server. */
export interface EdgeServerProcess {
  url: string;
  port: number;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Builds the browser bundle (dist/browser/) the server's static route serves.
 * @throws {Error} When the build fails.
 */
export function buildBrowserBundle(): void {
  const result = spawnSync(process.execPath, ["scripts/build-browser.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Browser build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Spawns the server and waits for its "listening" line.
 *
 * @param port 0 for any free port, or a port to re-bind.
 * @returns The server's URL and a stop function.
 * @throws {Error} When the server exits or does not listen within 120 s.
 */
export async function startEdgeServer(port = 0): Promise<EdgeServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "src/runtime/node/serve.ts", "--host", "127.0.0.1", "--port", String(port), "--pool-size", "1", "--tasks", "face-detection"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`Server did not listen within 120 s:\n${stderr}`)), 120_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/EdgeVision listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with code ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
