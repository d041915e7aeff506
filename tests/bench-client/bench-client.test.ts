/**
 * The benchmark client (src/bench-client/; under Node through its bin, bin.mjs), Deno and Bun against a real server, in every mode:
 * the reference's Grand totals block and CSV line, the --json file, and connection reuse as
 * promised (rest = one new TCP connection per request, the persistent modes = one per thread),
 * counted by a forwarding proxy between client and server.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, connect, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, type RuntimeName, type ServerProcess, startServer } from "../server/server-process.ts";
import { denoExecutable } from "../../scripts/deno-executable.mjs";

const REPEAT = 3;
const FILES = ["tests/fixtures/Bruce.jpg", "tests/fixtures/face_triple.jpg"];
const CLIENT_RUNTIMES: RuntimeName[] = ["node", "deno", "bun"];
const MODES = ["rest", "rest-keepalive", "websocket", "tcp"] as const;
/** The package's `edgevision-bench-client` command: Node runs the client through it. */
const BIN = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin["edgevision-bench-client"]!;

function clientCommand(runtime: RuntimeName): string[] {
  if (runtime === "node") return [process.execPath, BIN];
  if (runtime === "bun") return [join(ROOT, "node_modules", ".bin", "bun"), "src/bench-client/main.ts"];
  return [denoExecutable(), "run", "--allow-net", "--allow-read", "--allow-write", "--allow-env", "--allow-run=ping", "src/bench-client/main.ts"];
}

function runClient(runtime: RuntimeName, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = clientCommand(runtime);
  const child = spawn(command!, [...rest, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** A TCP forwarder that counts the connections it accepts. */
function countingProxy(targetPort: number): Promise<{ server: Server; port: number; connections: () => number; reset: () => void }> {
  let count = 0;
  const server = createServer((inbound) => {
    count++;
    const outbound = connect({ host: "127.0.0.1", port: targetPort, noDelay: true });
    inbound.setNoDelay(true);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on("error", () => outbound.destroy());
    outbound.on("error", () => inbound.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, connections: () => count, reset: () => (count = 0) });
    })
  );
}

const LOG = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - MainThread - INFO - (.*)$/;

/** Checks the Grand totals block line by line and returns the CSV fields. */
function assertGrandTotals(stdout: string, label: string, frames: number, threads: number): string[] {
  const lines = stdout.split("\n");
  assert.equal(lines.at(-1), "", "stdout ends with a newline");
  const messages = lines.slice(0, -1).map((line) => {
    const match = LOG.exec(line);
    assert.ok(match, `not in the reference's log format: ${JSON.stringify(line)}`);
    return match[1]!;
  });
  const header = `Grand totals for 127.0.0.1 /detector/detect/ ${label}`;
  const start = messages.indexOf("=".repeat(header.length));
  assert.ok(start >= 0, stdout);
  assert.equal(messages[start + 1], header);
  assert.match(messages[start + 2]!, new RegExp(`^${threads} threads repeated ${REPEAT} times on ${FILES.length} files\\. ${frames} total frames\\. FPS=\\d+\\.\\d\\d$`));
  assert.equal(messages[start + 3], "=".repeat(header.length));
  assert.match(messages[start + 4]!, /^====> Average Latency Full Process=\d+\.\d{3} ms \(stddev=\d+\.\d{3}\) FPS=\d+\.\d\d$/);
  assert.match(messages[start + 5]!, /^====> Average Latency Network Only=\d+\.\d{3} ms \(stddev=\d+\.\d{3}\)$/);
  assert.match(messages[start + 6]!, /^====> Average Server Processing Time=\d+\.\d{3} ms \(stddev=\d+\.\d{3}\)$/);
  assert.deepEqual(messages.slice(start + 7), [
    "",
    "Server, Full Process, Network Only, Server Time, CPU Util, Mem Util, GPU Util, GPU Util Max, GPU Util Avg, GPU Mem Util, GPU Mem Util Max, GPU Mem Util Avg",
    messages.at(-2),
    "TEST_PASS=True",
  ]);
  // remote_bench.py: third-from-last line of the body, split on commas, fields 2..12.
  const fields = lines.at(-3)!.split(",").slice(2, 13).map((f) => f.trim());
  assert.equal(fields.length, 11);
  for (const f of fields) assert.match(f, /^\d+\.\d{3}$/);
  assert.equal(lines.at(-3)!.split(" - ").at(-1)!.split(", ")[0], "127.0.0.1");
  return fields;
}

describe("bench client", () => {
  let server: ServerProcess;
  let tcpPort: number;
  let restProxy: Awaited<ReturnType<typeof countingProxy>>;
  let tcpProxy: Awaited<ReturnType<typeof countingProxy>>;
  const dir = mkdtempSync(join(tmpdir(), "bench-client-test-"));
  const images = join(dir, "images"); // -d: every *jpg/*jpeg/*png file, round-robin
  mkdirSync(images);
  for (const file of FILES) copyFileSync(join(ROOT, file), join(images, file.split("/").at(-1)!));
  before(async () => {
    server = await startServer("node", ["--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "random"]);
    tcpPort = Number(server.output().match(/tcp:\/\/\S+:(\d+)/)![1]);
    restProxy = await countingProxy(server.port);
    tcpProxy = await countingProxy(tcpPort);
  });
  after(async () => {
    restProxy?.server.close();
    tcpProxy?.server.close();
    await server?.stop();
  });

  for (const runtime of CLIENT_RUNTIMES) {
    for (const mode of MODES) {
      test(`${runtime}: -c ${mode} prints the Grand totals block and writes --json`, async () => {
        const proxy = mode === "tcp" ? tcpProxy : restProxy;
        const json = join(dir, `${runtime}-${mode}.json`);
        proxy.reset();
        const result = await runClient(runtime, [
          "-s", "127.0.0.1", "-e", "/detector/detect/", "-c", mode, "-p", String(proxy.port),
          "-d", images, "-r", String(REPEAT), "--json", json, "--no-progress",
        ]);
        assert.equal(result.code, 0, result.stderr);
        const frames = REPEAT * FILES.length;
        const csv = assertGrandTotals(result.stdout, mode, frames, 1);
        assert.match(result.stderr, /====> Latency Full Process n=6 min=[\d.]+ p50=[\d.]+ p95=[\d.]+ p99=[\d.]+ max=[\d.]+ ms/);
        const report = JSON.parse(readFileSync(json, "utf8")) as Record<string, any>;
        assert.equal(report.frames, frames);
        assert.equal(report.fullProcessMs.samples.length, frames);
        assert.equal(report.serverProcessingMs.count, frames);
        assert.ok(report.fullProcessMs.p50 >= report.serverProcessingMs.p50 * 0.5);
        assert.equal(report.connectionMethod, mode);
        assert.equal(report.testPass, true);
        assert.ok(String(report.runtime).startsWith(runtime));
        assert.equal(Number(csv[0]).toFixed(3), report.fullProcessMs.mean.toFixed(3));
        // Connections the proxy saw: requests or threads, plus one per network probe (TCP connect, once a second).
        const probes = report.networkOnlyMs.count as number;
        const expected = mode === "rest" ? frames + probes : 1 + probes;
        assert.equal(proxy.connections(), expected, `${mode}: ${proxy.connections()} connections for ${frames} requests and ${probes} probes`);
      });
    }
  }

  test("two threads, PING network latency and base64 REST", async () => {
    const result = await runClient("node", [
      "-s", "127.0.0.1", "-e", "/detector/detect/", "-c", "rest", "-p", String(server.port), "-d", images,
      "-r", String(REPEAT), "-t", "2", "-n", "PING", "--base64", "--thread-stagger-ms", "100", "--show-responses",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assertGrandTotals(result.stdout.split("\n").filter((l) => !/ - Thread-\d - /.test(l)).join("\n"), "rest", 2 * REPEAT * FILES.length, 2);
    assert.match(result.stdout, / - Thread-1 - INFO - [\d.]+ ms to send and receive: b'\{"success": "true", /);
    assert.match(result.stdout, / - Thread-2 - INFO - [\d.]+ ms ICMP ping/);
    assert.match(result.stdout, / - Thread-2 - INFO - ====> Average Latency Full Process=[\d.]+ ms \(stddev=[\d.]+\)/);
  });

  test("a bad command line prints the usage and exits with 2", async () => {
    const result = await runClient("node", ["-s", "127.0.0.1", "-e", "/nope/", "-c", "rest", "-f", FILES[0]!]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Endpoint "\/nope\/" is not one of/);
    assert.match(result.stderr, /-c, --connection-method M/);
  });
});
