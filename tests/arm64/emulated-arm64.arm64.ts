// ARM64 under emulation (`npm run test:arm64`; .ci/run runs it when root): the ARM64 Linux builds
// of Deno and Bun (npm platform packages at the versions package.json pins, fetched into .arm64/)
// run the unchanged server under Debian's qemu-user-static with the arm64 cross libc as sysroot.
// Their face-detection replies over REST, WebSocket and TCP, and the `detect` command's output,
// must equal the native x86-64 Deno server's byte for byte, except the timing value, on Bruce.jpg
// and face_triple.jpg. Emulation is ~60x slower: a handful of requests, one worker each.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { fetchArm64Runtimes } from "../../scripts/arm64/fetch-arm64-runtimes.mjs";
import { denoExecutable } from "../../scripts/deno-executable.mjs";
import { encodeTcpRequest, opcodeForTask } from "../../src/core/protocol/tcp-codec.ts";
import { detectRunArgs, type LaunchContext, serveRunArgs } from "../../src/runtime/deno/permissions.ts";
import { withoutTime } from "../server/reference-expectations.ts";
import { fixture, post, ROOT, type ServerProcess, startServer } from "../server/server-process.ts";
import { TcpTestClient } from "../tcp/tcp-test-client.ts";

const QEMU = "/usr/bin/qemu-aarch64-static";
const SYSROOT = "/usr/aarch64-linux-gnu";
const INSTALL_HINT = "apt-get install qemu-user-static libc6-arm64-cross libgcc-s1-arm64-cross";
const IMAGES = ["Bruce.jpg", "face_triple.jpg"] as const;
const FLAGS = ["--tasks", "face-detection", "--pool-size", "1"];
const EMULATED_START_MS = 15 * 60_000;

type Transport = "rest" | "websocket" | "tcp";
const TRANSPORTS: readonly Transport[] = ["rest", "websocket", "tcp"];

let dataDir = "";
let arm64 = { deno: "", bun: "" };
const context = (): LaunchContext => ({ projectRoot: ROOT.replace(/\/$/, ""), cwd: ROOT, invocationDir: ROOT, getEnv: () => undefined });
const emulated = (executable: string, args: string[]) => [QEMU, "-L", SYSROOT, executable, ...args];

/** The TCP port the server printed. */
function tcpPort(server: ServerProcess): number {
  const match = server.output().match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/);
  assert.ok(match, `no TCP line in:\n${server.output()}`);
  return Number(match[1]);
}

/** One face-detection reply for `image` over `transport`. */
async function detect(server: ServerProcess, transport: Transport, image: Uint8Array<ArrayBuffer>): Promise<string> {
  if (transport === "rest") {
    const reply = await post(`${server.base}/detector/detect/`, image, { "content-type": "image/jpeg" });
    assert.equal(reply.status, 200, reply.text);
    return reply.text;
  }
  if (transport === "websocket") {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/detector/detect/`);
    try {
      await new Promise((resolve, reject) => (socket.once("open", resolve), socket.once("error", reject)));
      const reply = new Promise<string>((resolve) => socket.once("message", (data) => resolve(data.toString())));
      socket.send(image, { binary: true });
      return await reply;
    } finally {
      socket.close();
    }
  }
  const client = await TcpTestClient.connect(tcpPort(server));
  try {
    await client.write(encodeTcpRequest(opcodeForTask("face-detection"), image));
    return await client.reply();
  } finally {
    client.close();
  }
}

/** Runs a command to completion; resolves with stdout, rejects with stderr. */
function run(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { cwd: ROOT, timeout: EMULATED_START_MS, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${argv.slice(0, 4).join(" ")} … failed: ${error.message}\n${stderr}`)) : resolve(stdout));
  });
}

describe("ARM64 (emulated) answers exactly as x86-64", { timeout: 30 * 60_000 }, () => {
  const servers: ServerProcess[] = [];
  let native: ServerProcess;
  let armDeno: ServerProcess;
  let armBun: ServerProcess;

  before(async () => {
    for (const path of [QEMU, join(SYSROOT, "lib", "libc.so.6"), join(SYSROOT, "lib", "libgcc_s.so.1")]) {
      assert.ok(existsSync(path), `${path} is missing: ${INSTALL_HINT}`);
    }
    arm64 = fetchArm64Runtimes();
    dataDir = mkdtempSync(join(tmpdir(), "edgevision-arm64-"));
    const flags = [...FLAGS, "--data-dir", dataDir];
    const started = performance.now();
    // Both emulated servers start together (start-up is the slow part), the native one meanwhile.
    const starts = await Promise.allSettled([
      startServer("deno", flags),
      startServer("deno", flags, {
        // The launcher's permissions for these flags (startServer appends the flags themselves).
        command: emulated(arm64.deno, serveRunArgs(flags, context()).slice(0, -flags.length)),
        startTimeoutMs: EMULATED_START_MS,
      }),
      startServer("bun", flags, { command: emulated(arm64.bun, ["src/runtime/bun/serve.ts"]), startTimeoutMs: EMULATED_START_MS }),
    ]);
    for (const start of starts) if (start.status === "fulfilled") servers.push(start.value);
    const failed = starts.find((start) => start.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    [native, armDeno, armBun] = servers as [ServerProcess, ServerProcess, ServerProcess];
    console.log(`emulated Deno and Bun servers listening after ${((performance.now() - started) / 1000).toFixed(0)} s`);
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    if (dataDir !== "") rmSync(dataDir, { recursive: true, force: true });
  });

  for (const runtime of ["deno", "bun"] as const) {
    it(`${runtime} on ARM64: REST, WebSocket and TCP replies equal x86-64's on ${IMAGES.join(" and ")}`, async () => {
      const server = runtime === "deno" ? armDeno : armBun;
      for (const name of IMAGES) {
        const image = fixture(name);
        for (const transport of TRANSPORTS) {
          const started = performance.now();
          const reply = await detect(server, transport, image);
          const ms = performance.now() - started;
          const expected = await detect(native, transport, image);
          assert.equal(withoutTime(reply), withoutTime(expected), `${runtime} ${transport} ${name}`);
          assert.match(expected, /"rects": \[\[/, `${name} has faces`);
          console.log(`${runtime} arm64 ${transport} ${name}: ${ms.toFixed(0)} ms round trip`);
        }
      }
    });
  }

  it("the detect command on ARM64 (Deno and Bun) prints x86-64's reply", async () => {
    const image = join(ROOT, "tests", "fixtures", "Bruce.jpg");
    const expected = await run([denoExecutable(), ...detectRunArgs([image], context())]);
    const [deno, bun] = await Promise.all([
      run(emulated(arm64.deno, detectRunArgs([image], context()))),
      run(emulated(arm64.bun, ["src/runtime/bun/detect.ts", image])),
    ]);
    assert.equal(withoutTime(deno), withoutTime(expected));
    assert.equal(withoutTime(bun), withoutTime(expected));
    assert.match(expected, /"rects": \[\[/);
  });
});
