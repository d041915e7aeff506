// The three ways to install and start EdgeVision, each on a PATH that holds only its own runtime
// (a temporary bin directory with a link to that one executable):
//   Deno only: a fresh copy of the checkout without node_modules, `deno install`, `deno task serve`
//              with --data-dir and --model-dir outside the checkout (the launcher must grant them);
//   Bun only:  a fresh copy, `bun install`, `bun run serve:bun`;
//   Node only: this checkout (`npm ci` already ran), `npm run serve`.
// Each server must answer /detector/detect/ on Bruce.jpg with the in-process engine's reply.
// `deno install` and `bun install` fetch from the npm registry only (or their caches).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { denoExecutable } from "../../scripts/deno-executable.mjs";
import { inProcessFaceDetection, withoutTime } from "../server/reference-expectations.ts";
import { fixture, post, ROOT } from "../server/server-process.ts";

const SERVER_ARGS = ["--port", "0", "--host", "127.0.0.1", "--tcp-port", "off", "--tasks", "face-detection", "--pool-size", "1"];
const BRUCE = fixture("Bruce.jpg");

let work = "";
let expected = "";

/** A bin directory holding only links named `names` to `target`. */
function binDirectory(label: string, links: Record<string, string>): string {
  const bin = join(work, `${label}-bin`);
  mkdirSync(bin);
  for (const [name, target] of Object.entries(links)) symlinkSync(realpathSync(target), join(bin, name));
  return bin;
}

/** A copy of the checkout's tracked and new files (no node_modules, no dist, no data). */
function freshCopy(label: string): string {
  const copy = join(work, label);
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f !== "" && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(join(copy, dirname(file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  return copy;
}

/**
 * The environment of a machine with only `bin`'s runtime: PATH is `bin`, and the variables npm sets
 * when the tests run under `npm test` (`npm_*`, `INIT_CWD`, `NODE`) are dropped — with `NODE` set,
 * `bun install` runs the bun package's postinstall, which then fails for want of Node.
 */
function onlyRuntimeEnv(bin: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "INIT_CWD" && key !== "NODE"));
  return { ...env, PATH: bin };
}

/** Runs a command to completion with only `bin` on PATH; throws with its output on failure. */
function runWithOnly(bin: string, cwd: string, command: string, args: string[]): void {
  try {
    execFileSync(join(bin, command), args, { cwd, env: onlyRuntimeEnv(bin), encoding: "utf8", stdio: "pipe", timeout: 300_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/** Starts a server command with only `bin` on PATH, in its own process group; resolves with its base URL. */
async function startWithOnly(bin: string, cwd: string, command: string, args: string[]) {
  const child: ChildProcess = spawn(join(bin, command), args, {
    cwd,
    env: { ...onlyRuntimeEnv(bin), NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 180 s:\n${text}`)), 180_000);
    child.stdout?.on("data", () => {
      const match = text.match(/EdgeVision listening on http:\/\/\S+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before listening:\n${text}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { base, stop, output: () => text };
}

/** The first `name` on this process's PATH. */
function onPath(name: string): string | undefined {
  return (process.env.PATH ?? "").split(":").map((dir) => join(dir, name)).find((path) => existsSync(path));
}

async function detectBruce(base: string): Promise<string> {
  const reply = await post(`${base}/detector/detect/`, BRUCE, { "content-type": "image/jpeg" });
  assert.equal(reply.status, 200, reply.text);
  return reply.text;
}

describe("single-runtime set-ups (only that runtime on PATH)", { timeout: 900_000 }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "edgevision-single-runtime-"));
    expected = (await inProcessFaceDetection([BRUCE]))[0] as string;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("Deno only: deno install && deno task serve, with --data-dir and --model-dir outside the checkout", async () => {
    const bin = binDirectory("deno", { deno: denoExecutable() });
    const copy = freshCopy("deno-checkout");
    runWithOnly(bin, copy, "deno", ["install"]);
    const dataDir = join(work, "var-lib-edgevision");
    const modelDir = join(work, "models");
    cpSync(join(ROOT, "models", "face-detection"), join(modelDir, "face-detection"), { recursive: true });
    const server = await startWithOnly(bin, copy, "deno", ["task", "serve", ...SERVER_ARGS, "--data-dir", dataDir, "--model-dir", modelDir]);
    try {
      assert.equal(withoutTime(await detectBruce(server.base)), withoutTime(expected));
      assert.ok(existsSync(dataDir), `the gallery directory was created outside the checkout:\n${server.output()}`);
      assert.ok(existsSync(join(copy, "dist", "browser", "build-info.json")), "deno task serve built the browser bundle");
    } finally {
      await server.stop();
    }
    // A second start finds the browser bundle up to date.
    const again = await startWithOnly(bin, copy, "deno", ["task", "serve", ...SERVER_ARGS, "--data-dir", dataDir, "--model-dir", modelDir]);
    try {
      assert.match(again.output(), /dist\/browser\/ is up to date/);
      assert.equal(withoutTime(await detectBruce(again.base)), withoutTime(expected));
    } finally {
      await again.stop();
    }
  });

  it("Bun only: bun install && bun run serve:bun", async () => {
    const bin = binDirectory("bun", { bun: join(ROOT, "node_modules", "bun", "bin", "bun.exe") });
    const copy = freshCopy("bun-checkout");
    runWithOnly(bin, copy, "bun", ["install"]);
    const server = await startWithOnly(bin, copy, "bun", ["run", "serve:bun", ...SERVER_ARGS]);
    try {
      assert.equal(withoutTime(await detectBruce(server.base)), withoutTime(expected));
    } finally {
      await server.stop();
    }
  });

  it("Node only: npm run serve (after npm ci)", async () => {
    const npm = onPath("npm");
    assert.ok(npm !== undefined, "npm is on PATH");
    // npm runs package scripts with `sh` (the system shell, not a runtime).
    const bin = binDirectory("node", { node: process.execPath, npm, sh: "/bin/sh" });
    const server = await startWithOnly(bin, ROOT, "npm", ["run", "serve", "--", ...SERVER_ARGS]);
    try {
      assert.equal(withoutTime(await detectBruce(server.base)), withoutTime(expected));
    } finally {
      await server.stop();
    }
  });
});
