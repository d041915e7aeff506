/**
 * The one settings table: every flag and variable is unique, the detect command shares the
 * server's rows, and Deno's `deno task serve` may read exactly the variables the table names.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DETECT_SETTINGS } from "../../src/cli/detect-args.ts";
import { parseSettings } from "../../src/core/settings/parse-settings.ts";
import { integer } from "../../src/core/settings/parsers.ts";
import { setting, switchSetting } from "../../src/core/settings/setting.ts";
import { TASK_SETTINGS, TASKS } from "../../src/core/tasks/registry.ts";
import { SERVER_ENV_VARS, SERVER_SETTINGS, serverConfigUsage } from "../../src/server/config.ts";
import { serveRunArgs } from "../../src/runtime/deno/permissions.ts";
import { REDIS_CLIENT_ENV_VARS } from "../../src/server/gallery/redis-gallery-layout.ts";

/**
 * The `--allow-env` lists Deno's server gets: from every deno.json task that runs
 * src/runtime/deno/serve.ts itself, and from the launcher (`deno task serve` → launch.ts →
 * `serveRunArgs`). `"all"` when a list is absent (every variable readable).
 */
function denoServeAllowEnvLists(): (string[] | "all")[] {
  const deno = JSON.parse(readFileSync(new URL("../../deno.json", import.meta.url), "utf8")) as { tasks: Record<string, string | { command: string }> };
  const commands = Object.values(deno.tasks).map((task) => typeof task === "string" ? task : task.command);
  const lists: string[][] = commands
    .filter((command) => command.includes("src/runtime/deno/serve.ts"))
    .map((command) => command.split(/\s+/));
  const context = { projectRoot: "/checkout", cwd: "/checkout", invocationDir: "/checkout", getEnv: () => undefined };
  lists.push(serveRunArgs([], context));
  return lists.map((args) => {
    const flag = args.find((arg) => arg.startsWith("--allow-env"));
    assert.ok(flag !== undefined, `the server is started with --allow-env: ${args.join(" ")}`);
    return flag.includes("=") ? flag.slice(flag.indexOf("=") + 1).split(",") : "all";
  });
}

describe("settings table", () => {
  it("names every flag, alias and variable once", () => {
    const rows = Object.values(SERVER_SETTINGS);
    const flags = rows.flatMap((row) => [row.flag, ...row.aliases ?? []]);
    assert.equal(new Set(flags).size, flags.length, `duplicate flag in ${flags.join(" ")}`);
    assert.equal(new Set(SERVER_ENV_VARS).size, SERVER_ENV_VARS.length, "duplicate environment variable");
    for (const row of rows) assert.ok(row.help.length > 0, `${row.flag} has help text`);
  });

  it("holds every task's rows, and --help lists every flag", () => {
    const taskKeys = TASKS.flatMap((task) => Object.keys(task.settings));
    assert.equal(new Set(taskKeys).size, taskKeys.length, "task settings keys are unique");
    assert.deepEqual(Object.keys(TASK_SETTINGS).sort(), [...taskKeys].sort());
    for (const key of taskKeys) assert.ok(key in SERVER_SETTINGS, `server table has the task row "${key}"`);
    const usage = serverConfigUsage();
    for (const row of Object.values(SERVER_SETTINGS)) assert.match(usage, new RegExp(`^  ${row.flag}\\b`, "m"));
  });

  it("the README's Configuration table documents every flag and variable", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const row of Object.values(SERVER_SETTINGS)) {
      assert.ok(readme.includes(`| \`${row.flag}\` |`), `README documents ${row.flag}`);
      if (row.env !== undefined) assert.ok(readme.includes(`\`${row.env}\``), `README documents ${row.env}`);
    }
  });

  it("the detect command uses the server's rows for the same things", () => {
    for (const [key, row] of Object.entries(DETECT_SETTINGS)) {
      const server = SERVER_SETTINGS[key as keyof typeof SERVER_SETTINGS];
      if (key === "maxPixels") {
        // Same flag, parser and help; detect keeps the decoder's 40 MP default for the one photo a user names.
        const { default: detectDefault, ...detectRest } = row;
        const { default: serverDefault, ...serverRest } = server;
        assert.deepEqual(detectRest, serverRest, "detect's --max-pixels is the server's row but for its default");
        assert.deepEqual([detectDefault, serverDefault], [40_000_000, 4_194_304]);
      } else {
        assert.equal(row, server, `detect's ${row.flag} is the server's row`);
      }
    }
  });

  it("a flag beats its variable, which beats the default; aliases and positionals", () => {
    const table = { faceModel: SERVER_SETTINGS.faceModel, maxPixels: SERVER_SETTINGS.maxPixels };
    const env = (name: string) => ({ EDGEVISION_FACE_MODEL: "full", EDGEVISION_MAX_PIXELS: "" } as Record<string, string>)[name];
    assert.deepEqual(parseSettings(table, { argv: [], getEnv: env }).values, { faceModel: "full", maxPixels: 4_194_304 });
    assert.deepEqual(parseSettings(table, { argv: ["--model=short"], getEnv: env }).values.faceModel, "short");
    assert.deepEqual(parseSettings(table, { argv: ["a.jpg", "--max-pixels", "9"], positionals: true }), { values: { faceModel: "short", maxPixels: 9 }, positionals: ["a.jpg"] });
    assert.throws(() => parseSettings(table, { argv: ["a.jpg"] }), /Unexpected argument "a.jpg"/);
    assert.throws(() => parseSettings(table, { argv: [], getEnv: () => "tiny" }), /EDGEVISION_FACE_MODEL must be "short" or "full", got "tiny"/);
  });

  it("a switch reads no value: its flag alone turns it on", () => {
    const table = { perClass: switchSetting("--per-class", "print per class"), runs: setting({ flag: "--runs", default: 3, parse: integer(1), help: "runs" }) };
    assert.deepEqual(parseSettings(table, { argv: [] }).values, { perClass: false, runs: 3 });
    assert.deepEqual(parseSettings(table, { argv: ["--per-class", "--runs", "5"] }).values, { perClass: true, runs: 5 });
    assert.deepEqual(parseSettings(table, { argv: ["--per-class", "a.jpg"], positionals: true }), { values: { perClass: true, runs: 3 }, positionals: ["a.jpg"] });
    assert.equal(parseSettings(table, { argv: ["--per-class=off"] }).values.perClass, false);
    assert.throws(() => parseSettings(table, { argv: ["--per-class=maybe"] }), /--per-class must be "on" or "off", got "maybe"/);
  });

  it("deno task serve may read exactly the table's environment variables (and the Redis client's)", () => {
    const lists = denoServeAllowEnvLists();
    assert.ok(lists.some((list) => list !== "all"), "at least one start-up names its variables");
    const expected = [...SERVER_ENV_VARS, ...REDIS_CLIENT_ENV_VARS].sort();
    for (const list of lists) {
      if (list !== "all") assert.deepEqual([...list].sort(), expected);
    }
  });
});
