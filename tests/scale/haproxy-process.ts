/**
 * A real HAProxy in front of test instances, configured from deploy/haproxy.cfg (the file users
 * get) with only the bind address and the server lines replaced.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProgram, freePort } from "./system-programs.ts";
import { waitForPort } from "./redis-process.ts";

const SHIPPED_CONFIG = new URL("../../deploy/haproxy.cfg", import.meta.url);

/** A running HAProxy. */
export interface HaproxyProcess {
  base: string;
  /** Everything HAProxy logged. */
  output(): string;
  /** `show stat` from the stats socket: proxy/server name ("edgevision_instances/BACKEND", …) → column → value. */
  stats(): Promise<Map<string, Record<string, string>>>;
  stop(): Promise<void>;
}

/**
 * Starts HAProxy balancing over `servers`.
 *
 * @param servers Instance name → port on 127.0.0.1.
 * @param edit Changes to the shipped configuration for one test (e.g. a shorter timeout).
 * @returns The running balancer once it listens.
 */
export async function startHaproxy(servers: Record<string, number>, edit: (config: string) => string = (c) => c): Promise<HaproxyProcess> {
  const program = findProgram("haproxy");
  if (program === undefined) throw new Error("haproxy is not installed (apt-get install haproxy)");
  const port = await freePort();
  const shipped = readFileSync(SHIPPED_CONFIG, "utf8");
  if (!shipped.includes("bind :8080") || !/^\s*server /m.test(shipped)) throw new Error("deploy/haproxy.cfg no longer has the expected bind/server lines");
  const serverLines = Object.entries(servers).map(([name, serverPort]) => `    server ${name} 127.0.0.1:${serverPort}`).join("\n");
  const config = edit(shipped)
    .replace("bind :8080", `bind 127.0.0.1:${port}`)
    .replace(/^\s*server .*$/gm, "")
    .trimEnd() + `\n${serverLines}\n`;
  const directory = mkdtempSync(join(tmpdir(), "scale-haproxy-"));
  const file = join(directory, "haproxy.cfg");
  const socket = join(directory, "stats.sock");
  // Test only: a stats socket, to read HAProxy's retry and redispatch counters.
  writeFileSync(file, config.replace(/^global\n/m, `global\n    stats socket ${socket} mode 600 level user\n`));
  let text = "";
  const child: ChildProcess = spawn(program, ["-db", "-f", file], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, 10_000);
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => text,
    stats: () =>
      new Promise((resolve, reject) => {
        let csv = "";
        const connection = connect(socket, () => connection.write("show stat\n"));
        connection.on("data", (chunk) => (csv += chunk));
        connection.once("error", reject);
        connection.once("end", () => {
          const [header = "", ...rows] = csv.trim().split("\n");
          const columns = header.replace(/^# /, "").split(",");
          const table = new Map<string, Record<string, string>>();
          for (const row of rows) {
            const cells = row.split(",");
            const record = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
            table.set(`${record.pxname}/${record.svname}`, record);
          }
          resolve(table);
        });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
