/**
 * What the benchmark and evaluation scripts share, whichever runtime runs them (Node via tsx,
 * Deno, Bun): the runtime's name, the command-line arguments, this runtime's model store, and
 * option parsing with the settings module.
 * @module
 */
import { parseSettings, settingsUsage } from "../src/core/settings/parse-settings.ts";
import type { SettingsTable, SettingsValues } from "../src/core/settings/setting.ts";
import type { Engine } from "../src/core/engine/types.ts";

type Scope = {
  Deno?: { args: string[]; version: { deno: string } };
  Bun?: { argv: string[]; version: string };
  process?: { argv: string[]; version: string };
};
const scope = globalThis as Scope;

/** E.g. `node v20.20.2`, `deno 2.9.6`, `bun 1.4.5`. */
export const RUNTIME_NAME: string = scope.Deno
  ? `deno ${scope.Deno.version.deno}`
  : scope.Bun
  ? `bun ${scope.Bun.version}`
  : `node ${scope.process?.version}`;

/** The script's own arguments (a fresh, mutable copy). */
export function scriptArgs(): string[] {
  return scope.Deno ? [...scope.Deno.args] : (scope.Bun?.argv ?? scope.process?.argv ?? []).slice(2);
}

/** The model reader, WASM directory and MozJPEG WASM (src/runtime/model-store.ts, the same in every runtime). */
export function runtimeModelStore(): Promise<typeof import("../src/runtime/model-store.ts")> {
  return import("../src/runtime/model-store.ts");
}

/** A face-detection-only engine on this runtime's model store, as the benchmarks time it (not yet warmed by a request). */
export async function createFaceDetectionEngine(): Promise<Engine> {
  const [{ createEngine }, store] = await Promise.all([import("../src/core/engine/engine.ts"), runtimeModelStore()]);
  return createEngine({
    readModelFile: store.createModelStore(),
    tasks: ["face-detection"],
    wasm: { wasmDirectory: store.WASM_DIRECTORY },
    jpegWasm: await store.readJpegWasm(),
  });
}

/** What {@link parseScriptSettings} returns. */
export interface ScriptSettings<T extends SettingsTable> {
  /** Every setting's value, defaults filled in. */
  values: SettingsValues<T>;
  /** Arguments that are not options (only when the script accepts them). */
  positionals: string[];
  /** Everything after a lone `--` (e.g. server flags the script passes on), unparsed. */
  passThrough: string[];
}

/**
 * Parses the script's arguments with the one settings module (src/core/settings): a table of
 * rows, the product's own where the script takes a product setting (e.g. `SERVER_SETTINGS.faceModel`,
 * so flag names and defaults match the server's) and the script's own rows for the rest. Flags only:
 * scripts read no environment variables. `--help` prints `about` and the options, then exits 0; a
 * bad argument prints the error and the options, then exits 2.
 *
 * @param table The script's settings.
 * @param about What the script does and how it is run (the first lines of `--help`).
 * @param options `positionals: true` accepts non-option arguments (e.g. image paths).
 * @returns The values, the positional arguments and what follows `--`.
 * @example
 * ```ts
 * const { values } = parseScriptSettings({ runs: setting({ flag: "--runs", default: 200, parse: integer(1), help: "timed runs" }) }, "npx tsx scripts/x.ts [--runs N]");
 * ```
 */
export function parseScriptSettings<T extends SettingsTable>(table: T, about: string, options: { positionals?: boolean } = {}): ScriptSettings<T> {
  const args = scriptArgs();
  const dash = args.indexOf("--");
  const own = dash < 0 ? args : args.slice(0, dash);
  const passThrough = dash < 0 ? [] : args.slice(dash + 1);
  const usage = `${about}\n\nOptions:\n${settingsUsage(table, { env: false })}`;
  if (own.includes("--help") || own.includes("-h")) {
    console.log(usage);
    exit(0);
  }
  try {
    const parsed = parseSettings(table, { argv: own, positionals: options.positionals === true });
    return { ...parsed, passThrough };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`error: ${error.message}\n\n${usage}`);
    return exit(2);
  }
}

function exit(code: number): never {
  if (scope.Deno) return (scope.Deno as unknown as { exit(code: number): never }).exit(code);
  return (globalThis as unknown as { process: { exit(code: number): never } }).process.exit(code);
}
