/**
 * Memory footprint: starts the server in each configuration under each runtime, runs a fixed
 * mixed workload (REST, 2 clients: 40 face detections on 240×180 and 640×480 frames, then 10 each
 * of recognition, pose and objects — tasks the configuration lacks are skipped), waits 1 s and
 * prints the whole process tree's RSS after start and after the workload.
 *
 *   npx tsx scripts/bench-footprint.ts [--runtimes deno,node,bun] [--configs "default;--tasks face-detection"]
 *       [--baseline DIR] [--idle SECONDS]
 *
 * Configurations are separated by ";", each a list of server flags ("default" = none).
 * `--baseline DIR` (another checkout with its node_modules, e.g. `git worktree add DIR COMMIT &&
 * (cd DIR && npm ci)`) runs each configuration there first, then here, so before and after come
 * from one run on the same machine load.
 * @module
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { checkoutServerCommand, fixture, post, startServer } from "../tests/server/server-process.ts";
import { mb, processTreeRss } from "./memory/process-tree-rss.ts";
import { anyText, integer } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";

const JPEG = { "content-type": "image/jpeg" };
const WORKLOAD: readonly (readonly [string, Uint8Array, number])[] = [
  ["/detector/detect/", fixture("frame_240x180.jpg"), 20],
  ["/detector/detect/", fixture("frame_640x480.jpg"), 20],
  ["/recognizer/predict/", fixture("Bruce.jpg"), 10],
  ["/openpose/detect/", fixture("6_bodies.jpg"), 10],
  ["/object/detect/", fixture("objects_001.jpg"), 10],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the workload with two clients; returns the count of 200 replies per path. */
async function runWorkload(base: string): Promise<string> {
  const counts: string[] = [];
  for (const [path, body, count] of WORKLOAD) {
    let ok = 0;
    let next = 0;
    await Promise.all([0, 1].map(async () => {
      while (next++ < count) if ((await post(`${base}${path}`, body as BodyInit, JPEG)).status === 200) ok++;
    }));
    counts.push(`${path.split("/")[1]} ${ok}/${count}`);
  }
  return counts.join(", ");
}

const { values: options } = parseScriptSettings({
  runtimes: SCRIPT_SETTINGS.runtimes(),
  configs: setting({
    flag: "--configs",
    default: ["default", "--tasks face-detection"],
    defaultText: '"default;--tasks face-detection"',
    parse: (text) => text.split(";").map((config) => config.trim()),
    help: 'server configurations separated by ";", each a list of server flags ("default" = none)',
  }),
  baseline: setting({ flag: "--baseline", default: "", defaultText: "none", parse: anyText, help: "another checkout (with node_modules) measured first, in the same run" }),
  idle: setting({ flag: "--idle", default: 0, parse: integer(0), help: "also measure after this many seconds without requests (e.g. past --unload-idle)" }),
}, "usage: bench-footprint.ts [options]");
const { runtimes, configs, baseline, idle } = options;
const checkouts: readonly { label: string; root: string | undefined }[] = baseline === ""
  ? [{ label: "", root: undefined }]
  : [{ label: "baseline", root: resolve(baseline) }, { label: "this checkout", root: undefined }];
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`load average at start: ${load()}${baseline === "" ? "" : `; baseline: ${resolve(baseline)}`}`);
const idleColumn = idle > 0 ? ` RSS after ${idle} s idle (MB) |` : "";
console.log(`| runtime | configuration | RSS after start (MB) | RSS after workload (MB) |${idleColumn} replies |`);
console.log(`| --- | --- | --- | --- |${idle > 0 ? " --- |" : ""} --- |`);
for (const config of configs) {
  for (const runtime of runtimes) {
    for (const { label, root } of checkouts) {
      const flags = config === "default" ? [] : config.split(/\s+/);
      const server = await startServer(runtime, flags, root === undefined ? {} : { cwd: root, command: await checkoutServerCommand(root, runtime) });
      try {
        await sleep(1000);
        const started = processTreeRss(server.child.pid as number);
        const replies = await runWorkload(server.base);
        await sleep(1000);
        const after = processTreeRss(server.child.pid as number);
        let idled = "";
        if (idle > 0) {
          await sleep(idle * 1000);
          idled = ` ${mb(processTreeRss(server.child.pid as number))} |`;
        }
        const name = label === "" ? config : `${config} (${label})`;
        console.log(`| ${runtime} | ${name} | ${mb(started)} | ${mb(after)} |${idled} ${replies} |`);
      } finally {
        await server.stop();
      }
    }
  }
}
console.log(`load average at end: ${load()}`);
