/**
 * What the benchmark and evaluation scripts share, whichever runtime runs them (Node via tsx,
 * Deno, Bun): the runtime's name, the command-line arguments, this runtime's model store, and
 * `--name value` option parsing.
 * @module
 */
import { defaultOf, type Setting } from "../src/core/settings/setting.ts";

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

/**
 * Removes `name value` from `args` and returns the value, or `fallback` when `name` is absent.
 *
 * @throws {Error} When `name` is the last argument (no value).
 */
export function takeOption(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  if (value === undefined) throw new Error(`Option "${name}" needs a value`);
  return value;
}

/**
 * Removes a product setting's flag (or an alias) and its value from `args` and parses it with the
 * setting's own row (src/core/settings), so scripts take the server's flag names and defaults.
 *
 * @param args The script's arguments (modified).
 * @param row A row of the settings table, e.g. `SERVER_SETTINGS.faceModel`.
 * @returns The parsed value, or the row's default.
 * @throws {RangeError} When the value is missing or invalid.
 */
export function takeSetting<T>(args: string[], row: Setting<T>): T {
  for (const flag of [row.flag, ...row.aliases ?? []]) {
    const given = args.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
    if (given < 0) continue;
    const arg = args[given] as string;
    const inline = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined;
    const value = inline ?? args[given + 1];
    args.splice(given, inline === undefined ? 2 : 1);
    if (value === undefined) throw new RangeError(`Option "${flag}" needs a value`);
    return row.parse(value, flag);
  }
  return defaultOf(row, { cores: 1 });
}
