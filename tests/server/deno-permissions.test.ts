// The Deno launcher's permissions follow the configuration: the data and model directories and
// the detect command's image get exactly the access they need, nothing else outside the checkout.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { detectRunArgs, type LaunchContext, serveRunArgs } from "../../src/runtime/deno/permissions.ts";
import { SERVER_ENV_VARS } from "../../src/server/config.ts";
import { REDIS_CLIENT_ENV_VARS } from "../../src/server/gallery/redis-gallery-layout.ts";

const ROOT = "/srv/edgevision";

function context(env: Record<string, string> = {}, invocationDir = ROOT): LaunchContext {
  return { projectRoot: ROOT, cwd: ROOT, invocationDir, getEnv: (name) => env[name] };
}

/** The value of `--allow-NAME=…` as a list. */
function allowed(args: string[], name: string): string[] | undefined {
  return args.find((a) => a.startsWith(`--allow-${name}=`))?.slice(`--allow-${name}=`.length).split(",");
}

describe("Deno launcher permissions", () => {
  it("serve: reads the checkout's folders and ./data, writes only ./data by default", () => {
    const args = serveRunArgs([], context());
    assert.deepEqual(allowed(args, "read"), [`${ROOT}/src`, `${ROOT}/node_modules`, `${ROOT}/dist`, `${ROOT}/models`, `${ROOT}/data`]);
    assert.deepEqual(allowed(args, "write"), [`${ROOT}/data`]);
    assert.deepEqual(allowed(args, "env"), [...SERVER_ENV_VARS, ...REDIS_CLIENT_ENV_VARS]);
    assert.ok(args.includes("--allow-net"));
    assert.equal(args.at(-1), `${ROOT}/src/runtime/deno/serve.ts`);
  });

  it("serve: --data-dir and --model-dir outside the checkout get exactly that access", () => {
    const flags = ["--data-dir", "/var/lib/edgevision", "--model-dir=/opt/models", "--port", "0"];
    const args = serveRunArgs(flags, context());
    assert.deepEqual(allowed(args, "write"), ["/var/lib/edgevision"]);
    assert.deepEqual(allowed(args, "read"), [`${ROOT}/src`, `${ROOT}/node_modules`, `${ROOT}/dist`, "/opt/models", "/var/lib/edgevision"]);
    assert.deepEqual(args.slice(-flags.length), flags, "the server gets its flags unchanged");
  });

  it("serve: the env vars name the directories when the flags do not; relative paths are taken from the working directory", () => {
    const args = serveRunArgs([], context({ EDGEVISION_DATA_DIR: "../gallery", EDGEVISION_MODEL_DIR: "/mnt/models" }));
    assert.deepEqual(allowed(args, "write"), ["/srv/gallery"]);
    assert.ok(allowed(args, "read")?.includes("/mnt/models"));
    assert.ok(!allowed(args, "read")?.includes(`${ROOT}/models`));
  });

  it("serve: a path with a comma is refused (Deno would read it as two paths)", () => {
    assert.throws(() => serveRunArgs(["--data-dir", "/tmp/a,/etc"], context()), /comma: "\/tmp\/a,\/etc"/);
  });

  it("serve: a bad flag still launches (the server reports it) with the default access", () => {
    const args = serveRunArgs(["--no-such-flag"], context());
    assert.deepEqual(allowed(args, "write"), [`${ROOT}/data`]);
    assert.equal(args.at(-1), "--no-such-flag");
  });

  it("detect: reads the models, node_modules and the one image, relative to where the command was typed", () => {
    assert.deepEqual(allowed(detectRunArgs(["/home/pi/photo.jpg"], context()), "read"), [`${ROOT}/models`, `${ROOT}/node_modules`, "/home/pi/photo.jpg"]);
    const relative = detectRunArgs(["--model", "full", "photo.jpg"], context({}, "/home/pi"));
    assert.deepEqual(allowed(relative, "read"), [`${ROOT}/models`, `${ROOT}/node_modules`, "/home/pi/photo.jpg"]);
    assert.deepEqual(relative.slice(-3), ["--model", "full", "photo.jpg"]);
    assert.deepEqual(allowed(detectRunArgs(["-"], context()), "read"), [`${ROOT}/models`, `${ROOT}/node_modules`]);
    assert.equal(allowed(detectRunArgs(["-"], context()), "write"), undefined);
  });
});
