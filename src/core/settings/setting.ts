/**
 * One setting: its flag, environment variable, default, parser and help text, in one row.
 * Tables of settings (`Record<key, Setting>`) are parsed by `parseSettings`; the values' types
 * follow from the rows.
 * @module
 */
import { onOff } from "./parsers.ts";

/** What a default may depend on. */
export interface SettingsContext {
  /** Logical CPU cores available to this process. */
  cores: number;
}

/** One row of a settings table. */
export interface Setting<T> {
  /** Command-line flag, e.g. `--face-model` (`--flag value` or `--flag=value`). */
  readonly flag: `--${string}`;
  /** Other accepted spellings of the flag (e.g. `--model` for `--face-model`). */
  readonly aliases?: readonly string[];
  /** Environment variable (absent: flag only). A flag beats it; an empty value counts as unset. */
  readonly env?: string;
  /** The value when neither flag nor variable is given (a function when it depends on the machine). */
  readonly default: T | ((context: SettingsContext) => T);
  /** How the default is shown in `--help` (default: the value itself). */
  readonly defaultText?: string;
  /**
   * Text → value.
   * @throws {RangeError} With `name` (the flag or variable as given) in the message.
   */
  readonly parse: (text: string, name: string) => T;
  /** One line for `--help`. */
  readonly help: string;
  /** A switch: the flag alone means `on` and reads no value after it (`--flag=off` still works). */
  readonly switch?: boolean;
}

/** A table of settings, keyed by the name the values are read under. */
// deno-lint-ignore no-explicit-any
export type SettingsTable = Readonly<Record<string, Setting<any>>>;

/** The values a table parses into. */
export type SettingsValues<T extends SettingsTable> = { -readonly [K in keyof T]: T[K] extends Setting<infer V> ? V : never };

/**
 * Declares one row (only for type inference: returns `row`).
 *
 * @param row The setting.
 * @returns The same row.
 * @example
 * ```ts
 * const port = setting({ flag: "--port", env: "PORT", default: 8008, parse: integer(0), help: "TCP port" });
 * ```
 */
export function setting<T>(row: Setting<T>): Setting<T> {
  return row;
}

/**
 * A row's default value.
 *
 * @param row The setting.
 * @param context The machine facts defaults may use.
 * @returns The default.
 */
export function defaultOf<T>(row: Setting<T>, context: SettingsContext): T {
  return typeof row.default === "function" ? (row.default as (context: SettingsContext) => T)(context) : row.default;
}

/**
 * Declares a switch: off unless its flag is given (flag only, no variable).
 *
 * @param flag The flag, e.g. `--per-class`.
 * @param help One line for `--help`.
 * @returns The row.
 * @example
 * ```ts
 * const perClass = switchSetting("--per-class", "print the per-class table");
 * ```
 */
export function switchSetting(flag: `--${string}`, help: string): Setting<boolean> {
  return { flag, default: false, defaultText: "off", parse: onOff, help, switch: true };
}
