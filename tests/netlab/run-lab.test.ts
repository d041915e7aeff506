/**
 * scripts/netlab/run-lab.sh for real: a short run (two delays, a few requests) that must produce
 * the table and the chart and leave no namespace behind, an interrupted run that must clean up,
 * and the polite refusal for non-root users. Creating namespaces needs root and iproute2: without
 * them the tests are skipped with that reason, except under CI=true (CI runs as root).
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { IPROUTE2, ROOT as ROOT_USER, skipUnlessPresent } from "../system-components.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const LAB = join(ROOT, "scripts/netlab/run-lab.sh");
const NEEDS_ROOT_AND_IP = skipUnlessPresent(ROOT_USER, IPROUTE2);

/**
 * A copy of the lab script in a directory every user may read: the checkout itself may sit where an
 * unprivileged user cannot enter (a fresh clone in a private temporary directory, as CI makes).
 */
function worldReadableLabCopy(): string {
  const base = mkdtempSync(join(tmpdir(), "netlab-nonroot-"));
  const dir = join(base, "scripts", "netlab");
  mkdirSync(dir, { recursive: true });
  for (const path of [base, join(base, "scripts"), dir]) chmodSync(path, 0o755);
  const copy = join(dir, "run-lab.sh");
  copyFileSync(LAB, copy);
  chmodSync(copy, 0o755);
  return copy;
}

function run(args: string[], options: { user?: string } = {}): Promise<{ code: number | null; pid: number; output: string }> {
  const command = options.user ? "setpriv" : "bash";
  const argv = options.user
    ? ["--reuid", options.user, "--regid", options.user, "--clear-groups", "bash", worldReadableLabCopy(), ...args]
    : [LAB, ...args];
  const child = spawn(command, argv, { cwd: options.user ? tmpdir() : ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, pid: child.pid!, output })));
}

const namespacesOf = (pid: number) => execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).split("\n").filter((l) => l.startsWith(`evl${pid}-`));

describe("network-delay lab", () => {
  test("a short run writes the markdown table, the SVG chart and the raw results, and removes its namespaces", { skip: NEEDS_ROOT_AND_IP }, async () => {
    const out = mkdtempSync(join(tmpdir(), "netlab-test-"));
    const result = await run(["--delays", "0 20", "--requests", "3", "--server-runtime", "node", "--out", out, "--name", "short"]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /^Link: (netem|delay-line) \(round-trip delay d = d\/2 each way\)$/m);
    const markdown = readFileSync(join(out, "short.md"), "utf8");
    assert.match(markdown, /Made by `scripts\/netlab\/run-lab.sh --delays 0 20 --requests 3 /);
    for (const delay of [0, 20]) {
      const row = markdown.split("\n").find((line) => line.startsWith(`| ${delay} ms | `));
      assert.ok(row, `no row for ${delay} ms in:\n${markdown}`);
      const cells = row.split("|").slice(1, -1).map((c) => c.trim());
      assert.equal(cells.length, 4 + 4 + 3, row); // delay, RTT, connect, processing, 4 transports, decrease and two speedups
      for (const cell of cells.slice(1, 8)) assert.match(cell, /^\d+\.\d+$/, row);
    }
    const rtt20 = Number(markdown.split("\n").find((l) => l.startsWith("| 20 ms | "))!.split("|")[2]);
    assert.ok(rtt20 >= 20 && rtt20 < 40, `ping RTT at 20 ms was ${rtt20}`);
    assert.match(markdown, /## Overhead above the physical limit/);
    assert.match(markdown, /## What the delay itself adds beyond k × RTT/);
    const svg = readFileSync(join(out, "short.svg"), "utf8");
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const label of ["REST (new connection)", "REST keep-alive", "WebSocket", "TCP", "RTT + processing"]) assert.ok(svg.includes(`>${label}<`), label);
    const raw = readdirSync(join(out, "raw-short")).sort();
    for (const name of ["meta.json", "ping-0.txt", "ping-20.txt", "20-rest.json", "20-rest-keepalive.json", "20-websocket.json", "20-tcp.json"]) assert.ok(raw.includes(name), name);
    const tcp = JSON.parse(readFileSync(join(out, "raw-short", "20-tcp.json"), "utf8")) as { frames: number; testPass: boolean };
    assert.equal(tcp.frames, 3);
    assert.equal(tcp.testPass, true);
    assert.deepEqual(namespacesOf(result.pid), []); // the script names its namespaces evl<its pid>-srv/-cli
  });

  test("an interrupted run removes its namespaces", { skip: NEEDS_ROOT_AND_IP }, async () => {
    const out = mkdtempSync(join(tmpdir(), "netlab-test-"));
    const child = spawn("bash", [LAB, "--delays", "5", "--requests", "3", "--server-runtime", "node", "--out", out], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const pid = child.pid!;
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    for (let i = 0; i < 600 && namespacesOf(pid).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(namespacesOf(pid).length, 2, `the lab did not create its namespaces:\n${output}`);
    child.kill("SIGINT");
    assert.equal(await closed, 130, output);
    assert.deepEqual(namespacesOf(pid), []);
    assert.match(output, /Interrupted; removing namespaces\./);
    assert.equal(existsSync(join(out, "lab.md")), false);
  });

  test("as a non-root user it refuses politely and changes nothing", { skip: skipUnlessPresent(ROOT_USER) }, async () => {
    const result = await run(["--delays", "5"], { user: "65534" });
    assert.equal(result.code, 77, result.output);
    assert.match(result.output, /run-lab\.sh needs root to create network namespaces and links; nothing was changed\./);
  });
});
