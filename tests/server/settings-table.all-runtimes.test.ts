/**
 * The one settings table: every flag and variable is unique, the detect command shares the
 * server's rows, and Deno's `deno task serve` may read exactly the variables the table names.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DETECT_SETTINGS } from "../../src/cli/detect-args.ts";
import { parseSettings } from "../../src/core/settings/parse-settings.ts";
import { TASK_SETTINGS, TASKS } from "../../src/core/tasks/registry.ts";
import { SERVER_ENV_VARS, SERVER_SETTINGS, serverConfigUsage } from "../../src/server/config.ts";

/** The `--allow-env` list of the deno.json task that starts src/runtime/deno/serve.ts. */
function denoServeAllowEnv(): string[] | "all" {
  const deno = JSON.parse(readFileSync(new URL("../../deno.json", import.meta.url), "utf8")) as { tasks: Record<string, string | { command: string }> };
  const commands = Object.values(deno.tasks).map((task) => typeof task === "string" ? task : task.command);
  const serve = commands.find((command) => command.includes("src/runtime/deno/serve.ts"));
  assert.ok(serve !== undefined, "a deno.json task runs src/runtime/deno/serve.ts");
  const match = serve.match(/--allow-env(?:=(\S+))?/);
  assert.ok(match !== null, "the serve task grants --allow-env");
  return match[1] === undefined ? "all" : match[1].split(",");
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

  it("the detect command uses the server's rows for the same things", () => {
    for (const [key, row] of Object.entries(DETECT_SETTINGS)) {
      assert.equal(row, SERVER_SETTINGS[key as keyof typeof SERVER_SETTINGS], `detect's ${row.flag} is the server's row`);
    }
  });

  it("a flag beats its variable, which beats the default; aliases and positionals", () => {
    const table = { faceModel: SERVER_SETTINGS.faceModel, maxPixels: SERVER_SETTINGS.maxPixels };
    const env = (name: string) => ({ EDGEVISION_FACE_MODEL: "full", EDGEVISION_MAX_PIXELS: "" } as Record<string, string>)[name];
    assert.deepEqual(parseSettings(table, { argv: [], getEnv: env }).values, { faceModel: "full", maxPixels: 40_000_000 });
    assert.deepEqual(parseSettings(table, { argv: ["--model=short"], getEnv: env }).values.faceModel, "short");
    assert.deepEqual(parseSettings(table, { argv: ["a.jpg", "--max-pixels", "9"], positionals: true }), { values: { faceModel: "short", maxPixels: 9 }, positionals: ["a.jpg"] });
    assert.throws(() => parseSettings(table, { argv: ["a.jpg"] }), /Unexpected argument "a.jpg"/);
    assert.throws(() => parseSettings(table, { argv: [], getEnv: () => "tiny" }), /EDGEVISION_FACE_MODEL must be "short" or "full", got "tiny"/);
  });

  it("deno task serve may read exactly the table's environment variables", () => {
    const allowed = denoServeAllowEnv();
    if (allowed === "all") return; // every variable is readable: nothing can be missing
    assert.deepEqual([...allowed].sort(), [...SERVER_ENV_VARS].sort());
  });
});
