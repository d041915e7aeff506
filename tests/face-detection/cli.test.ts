// The detect command as users run it, in each runtime: exact reply format on stdout, errors on
// stderr with a non-zero exit.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { iou } from "./runtime-model-store.ts";
import { denoExecutable } from "../../scripts/deno-executable.mjs";
import { buildNodeEntryPoints } from "../server/server-process.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string) => join(root, "node_modules", ".bin", name);

buildNodeEntryPoints(); // as `npm run detect` runs it
const COMMANDS: Record<string, string[]> = {
  node: [process.execPath, "dist/node/detect.mjs"],
  deno: [denoExecutable(), "task", "--quiet", "detect"],
  bun: [bin("bun"), "src/runtime/bun/detect.ts"],
};

function run(command: string[], args: string[], stdin?: Uint8Array): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const truncated = join(mkdtempSync(join(tmpdir(), "edgevision-cli-")), "truncated.jpg");
writeFileSync(truncated, readFileSync(join(root, "tests/fixtures/Bruce.jpg")).subarray(0, 2000));
// Deno's task may read only inside the project, so its bad-image case goes through stdin.
const truncatedBytes = new Uint8Array(readFileSync(truncated));

for (const [runtime, command] of Object.entries(COMMANDS)) {
  describe(`detect command (${runtime})`, () => {
    it("prints the reference JSON for Bruce.jpg, then a newline", async () => {
      const { code, stdout, stderr } = await run(command, ["tests/fixtures/Bruce.jpg"]);
      assert.equal(code, 0, stderr);
      const match = stdout.match(/^\{"success": "true", "server_processing_time": "\d+\.\d{3}", "rects": \[\[(\d+), (\d+), (\d+), (\d+)\]\]\}\n$/);
      assert.ok(match, `unexpected output ${JSON.stringify(stdout)}`);
      assert.ok(iou(match.slice(1).map(Number), [73, 76, 147, 150]) >= 0.5);
    });

    it("prints success false without rects for single_pixel.png, with --face-model full", async () => {
      const { code, stdout } = await run(command, ["--face-model", "full", "tests/fixtures/single_pixel.png"]);
      assert.equal(code, 0);
      assert.match(stdout, /^\{"success": "false", "server_processing_time": "\d+\.\d{3}"\}\n$/);
    });

    it("reports a missing file on stderr with exit code 1", async () => {
      const { code, stdout, stderr } = await run(command, ["tests/fixtures/no-such-image.jpg"]);
      assert.equal(code, 1);
      assert.equal(stdout, "");
      assert.match(stderr, /^detect: Cannot read "tests\/fixtures\/no-such-image\.jpg": /);
      assert.ok(stderr.length < 500, "one short message, no stack trace");
    });

    it("reports an undecodable image on stderr with exit code 1", async () => {
      const { code, stdout, stderr } = runtime === "deno" ? await run(command, ["-"], truncatedBytes) : await run(command, [truncated]);
      assert.equal(code, 1);
      assert.equal(stdout, "");
      assert.match(stderr, /^detect: Cannot decode .*truncated/);
    });

    it("rejects bad arguments with exit code 2 and the usage", async () => {
      const { code, stderr } = await run(command, ["--model", "huge", "tests/fixtures/Bruce.jpg"]);
      assert.equal(code, 2);
      assert.match(stderr, /--model must be "short" or "full"/);
      assert.match(stderr, /Usage: detect/);
    });
  });
}
