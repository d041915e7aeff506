/**
 * Settings rows several scripts take (the same flag and meaning everywhere; each script picks its
 * default). Scripts parse them with `parseScriptSettings` (script-runtime.ts), next to the product's
 * own rows where they take a product setting.
 * @module
 */
import { anyText, integer, listOf } from "../src/core/settings/parsers.ts";
import { type Setting, setting } from "../src/core/settings/setting.ts";

/** A server runtime a script can start. */
export type ScriptRuntime = "deno" | "node" | "bun";

/** Rows shared by the benchmark and evaluation scripts. */
export const SCRIPT_SETTINGS = Object.freeze({
  /** `--iterations N`: timed runs. */
  iterations: (fallback: number): Setting<number> =>
    setting({ flag: "--iterations", default: fallback, parse: integer(1), help: "timed runs" }),
  /** `--warmup N`: untimed runs before the timed ones. */
  warmup: (fallback: number): Setting<number> =>
    setting({ flag: "--warmup", default: fallback, parse: integer(0), help: "untimed runs first" }),
  /** `--frames N`: frames sent per measurement. */
  frames: (fallback: number): Setting<number> =>
    setting({ flag: "--frames", default: fallback, parse: integer(1), help: "frames per measurement" }),
  /** `--rounds N`: interleaved rounds (A, B, A, B, …). */
  rounds: (fallback: number): Setting<number> =>
    setting({ flag: "--rounds", default: fallback, parse: integer(1), help: "interleaved rounds" }),
  /** `--runtimes deno,node,bun`: the server runtimes compared. */
  runtimes: (): Setting<ScriptRuntime[]> =>
    setting({ flag: "--runtimes", default: ["deno", "node", "bun"], defaultText: "deno,node,bun", parse: listOf<ScriptRuntime>("deno", "node", "bun"), help: "server runtimes, comma-separated" }),
  /** `--image PATH`: the image sent (relative to the checkout). */
  image: (fallback: string): Setting<string> =>
    setting({ flag: "--image", default: fallback, parse: anyText, help: "image file, relative to the checkout" }),
  /** An option without a default (text unless `parse` says otherwise): absent, the script stops with its usage. */
  required: <T = string>(flag: `--${string}`, help: string, parse?: (text: string, name: string) => T): Setting<T> =>
    setting<T>({
      flag,
      default: () => {
        throw new RangeError(`Option "${flag}" is required`);
      },
      defaultText: "required",
      parse: parse ?? (anyText as unknown as (text: string) => T),
      help,
    }),
  /** `--json FILE`: also write the results as JSON. */
  json: (): Setting<string | undefined> =>
    setting<string | undefined>({ flag: "--json", default: undefined, defaultText: "none", parse: anyText, help: "also write the results as JSON to this file" }),
});
