/**
 * Reads a settings table from command-line arguments and environment variables: a flag beats
 * its variable, which beats the default. Pure: the caller passes argv, the env reader and the
 * core count.
 * @module
 */
import { defaultOf, type SettingsContext, type SettingsTable, type SettingsValues } from "./setting.ts";

/** Where the values come from. */
export interface SettingsSource {
  /** Command-line arguments after the program name. */
  argv: readonly string[];
  /** Reads one environment variable (undefined when unset or not permitted); absent: flags only. */
  getEnv?: (name: string) => string | undefined;
  /** Logical CPU cores (for defaults that depend on them; default 1). */
  cores?: number;
  /** Accept arguments that are not options (`-` counts as one) and return them; default false. */
  positionals?: boolean;
}

/** What {@link parseSettings} returns. */
export interface ParsedSettings<T extends SettingsTable> {
  values: SettingsValues<T>;
  /** Non-option arguments, in order (only with `positionals: true`). */
  positionals: string[];
}

/**
 * Parses argv and the environment against a table.
 *
 * @param table The settings.
 * @param source argv, env reader, core count.
 * @returns Every value (defaults filled in) and the positional arguments.
 * @throws {RangeError} On an unknown option, an option without value, an unexpected argument, or an invalid value.
 * @example
 * ```ts
 * parseSettings({ port: setting({ flag: "--port", env: "PORT", default: 8008, parse: integer(0), help: "" }) }, { argv: ["--port=0"] }).values.port; // 0
 * ```
 */
export function parseSettings<T extends SettingsTable>(table: T, source: SettingsSource): ParsedSettings<T> {
  const keyOfFlag = new Map<string, string>();
  for (const [key, row] of Object.entries(table)) {
    for (const flag of [row.flag, ...row.aliases ?? []]) keyOfFlag.set(flag, key);
  }
  const fromFlags = new Map<string, { value: string; name: string }>();
  const positionals: string[] = [];
  const argv = source.argv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const isOption = arg.startsWith("-") && arg !== "-";
    if (!isOption && source.positionals === true) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const key = keyOfFlag.get(flag);
    if (key === undefined) {
      const options = Object.values(table).map((row) => row.flag).join(", ");
      throw new RangeError(isOption ? `Unknown option "${arg}"; options: ${options}` : `Unexpected argument "${arg}"; options: ${options}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : table[key]?.switch === true ? "on" : argv[++i];
    if (value === undefined) throw new RangeError(`Option "${flag}" needs a value`);
    fromFlags.set(key, { value, name: flag });
  }
  const context: SettingsContext = { cores: source.cores ?? 1 };
  const values: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(table)) {
    const given = fromFlags.get(key);
    const envValue = row.env === undefined ? undefined : source.getEnv?.(row.env);
    if (given !== undefined) values[key] = row.parse(given.value, given.name);
    else if (envValue !== undefined && envValue !== "") values[key] = row.parse(envValue, row.env as string);
    else values[key] = defaultOf(row, context);
  }
  return { values: values as SettingsValues<T>, positionals };
}

/**
 * The environment variables a table reads (a Deno `--allow-env` list).
 *
 * @param table The settings.
 * @returns The variable names, in table order.
 */
export function settingsEnvVars(table: SettingsTable): string[] {
  return Object.values(table).flatMap((row) => row.env === undefined ? [] : [row.env]);
}

/**
 * One line per setting: flag (and aliases), variable, help and default, for `--help`.
 *
 * @param table The settings.
 * @param options `env: false` leaves out the variable column (for flag-only commands).
 * @returns The usage text.
 */
export function settingsUsage(table: SettingsTable, options: { env?: boolean } = {}): string {
  return Object.values(table).map((row) => {
    const flags = [row.flag, ...row.aliases ?? []].join(", ");
    const shownDefault = row.defaultText ?? (typeof row.default === "function" ? "depends on the machine" : String(row.default ?? "none"));
    const env = options.env === false ? "" : `${(row.env ?? "").padEnd(33)} `;
    return `  ${flags.padEnd(24)} ${env}${row.help} (default ${shownDefault})`;
  }).join("\n");
}
