#!/usr/bin/env node
// The one test command (`npm test`): every tests/**/*.test.ts under Node's test runner, then the
// files named *.all-runtimes.test.ts again under `deno test` and `bun test`. Prints one closing
// line "N passed, N failed" that adds up all three runners; skipped tests (a missing system part
// such as Chromium or root, see tests/system-components.ts) are counted and listed with their
// reasons on the lines before. Extra args filter files by substring. EDGEVISION_TEST_ARM64=1 adds the
// emulated ARM64 check (`npm run test:arm64` runs it alone).
// Each runner's output streams to the terminal as it comes.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { denoExecutable } from "./deno-executable.mjs";
import { buildWasmThreads } from "./build-wasm-threads.mjs";
import { buildNode } from "./build-node.mjs";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
const filters = process.argv.slice(2);
// The emulated ARM64 check (tests/arm64/*.arm64.ts, minutes under qemu) joins the run when asked:
// .ci/run sets EDGEVISION_TEST_ARM64=1 as root, so its results count in the closing line.
const withArm64 = process.env.EDGEVISION_TEST_ARM64 === "1";

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith(".test.ts") || (withArm64 && name.endsWith(".arm64.ts"))) found.push(relative(root, path));
  }
  return found.sort();
}

// Servers started with --threads > 1 load the threaded WASM build generated into dist/wasm-threads/.
buildWasmThreads();
// Node servers in tests run the Node build (dist/node/) as `npm run serve:node` does; build it once here.
await buildNode();
const all = findTests(join(root, "tests")).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const crossRuntime = all.filter((f) => f.endsWith(".all-runtimes.test.ts"));
const totals = { passed: 0, failed: 0, skipped: 0 };
/** "test name: reason" of every skipped test or suite (Node's runner reports the reasons). */
const skips = [];
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

async function run(label, command, args, parse) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; process.stdout.write(chunk); });
  child.stderr.on("data", (chunk) => { output += chunk; process.stderr.write(chunk); });
  const status = await new Promise((resolve) => {
    child.on("error", (error) => { output += String(error); resolve(-1); });
    child.on("close", (code) => resolve(code));
  });
  const counts = { skipped: 0, ...parse(stripAnsi(output)) };
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // a crashed runner counts as a failure
  console.log(`=== ${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

if (all.length > 0) {
  const tapDirectory = mkdtempSync(join(tmpdir(), "edgevision-tests-"));
  const tap = join(tapDirectory, "node.tap");
  await run("node", process.execPath, [
    "--import", "tsx", "--test", "--test-concurrency=1",
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...all,
  ], () => {
    const text = readFileSync(tap, "utf8");
    const num = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, "m"))?.[1] ?? 0);
    // A skipped describe() is one "# SKIP" line and no "# skipped" count: count the lines.
    for (const match of text.matchAll(/^\s*ok \d+ - (.*?) # SKIP ?(.*)$/gm)) skips.push(`${match[1]}: ${match[2] || "no reason given"}`);
    const skipLines = [...text.matchAll(/^\s*ok \d+ - .*? # SKIP/gm)].length;
    return { passed: num("pass"), failed: num("fail") + num("cancelled"), skipped: skipLines + num("todo") };
  });
  rmSync(tapDirectory, { recursive: true, force: true });
}
if (crossRuntime.length > 0) {
  await run("deno", denoExecutable(), ["test", "-A", "--no-check", ...crossRuntime], (out) => {
    // Deno counts a describe() block as one test with steps; count the steps, as node and bun do.
    const m = out.match(/(?:ok|FAILED) \| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?/);
    const ignored = Number(out.match(/\| (\d+) ignored/)?.[1] ?? 0);
    return { passed: Number(m?.[2] ?? m?.[1] ?? 0), failed: Number(m?.[4] ?? m?.[3] ?? 0), skipped: ignored };
  });
  await run("bun", bin("bun"), ["test", "--timeout", "120000", ...crossRuntime.map((f) => `./${f}`)], (out) => {
    const count = (word) => Number(out.match(new RegExp(`^\\s*(\\d+) ${word}$`, "m"))?.[1] ?? 0);
    return { passed: count("pass"), failed: count("fail"), skipped: count("skip") };
  });
}
if (totals.skipped > 0) {
  console.log(`\n${totals.skipped} skipped${skips.length > 0 ? ":" : ""}`);
  for (const skip of skips) console.log(`  - ${skip}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
