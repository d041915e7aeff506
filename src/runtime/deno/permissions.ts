/**
 * The `deno run` permissions of the server and of the `detect` command, derived from their
 * configuration: the folders of this checkout they read, plus exactly the data directory, model
 * directory and image files the user names (`--data-dir /var/lib/edgevision`, `--model-dir …`,
 * `detect ~/photo.jpg`). Pure: `launch.ts` supplies the arguments, environment and directories.
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { parseDetectArgs } from "../../cli/detect-args.ts";
import { defaultServerConfig, parseServerConfig, SERVER_ENV_VARS } from "../../server/config.ts";
import { REDIS_CLIENT_ENV_VARS } from "../../server/gallery/redis-gallery-layout.ts";
import { SMALL_YOUNG_GENERATION_V8_FLAG } from "../../server/pool/isolate-memory.ts";

/** Where the command runs. */
export interface LaunchContext {
  /** Absolute path of the checkout (holds src/, models/, node_modules/, dist/). */
  projectRoot: string;
  /** Working directory of the launched process (relative `--data-dir`/`--model-dir` are taken from it). */
  cwd: string;
  /** Where the user typed the command (`deno task` sets INIT_CWD); relative image paths are taken from it. */
  invocationDir: string;
  /** Reads an environment variable. */
  getEnv: (name: string) => string | undefined;
}

/** A `deno run` invocation: its arguments after the `deno` executable. */
export type DenoRunArgs = string[];

/**
 * The comma-separated list Deno's `--allow-read=`/`--allow-write=` take.
 * @throws {RangeError} For a path with a comma, which Deno would split into two paths.
 */
function pathList(paths: readonly string[]): string {
  const comma = paths.find((p) => p.includes(","));
  if (comma !== undefined) throw new RangeError(`Deno permissions cannot name a path with a comma: "${comma}"`);
  return [...new Set(paths)].join(",");
}

/**
 * `deno run` arguments of the server: network, the server's env vars, CPU/memory info, reading
 * its sources, node_modules, the browser build and the model directory, and reading and writing
 * only the data directory; V8's young generation kept small (`isolate-memory.ts`). Flags it cannot parse are passed on unchanged, so the server reports them.
 *
 * @param args The server's arguments (`deno task serve ARGS`).
 * @param context Directories and environment.
 * @returns The arguments for `deno`.
 * @throws {RangeError} When a directory's path has a comma.
 * @example
 * ```ts
 * serveRunArgs(["--data-dir", "/var/lib/edgevision"], context);
 * // ["run", "--allow-net", …, "--allow-write=/var/lib/edgevision", "…/src/runtime/deno/serve.ts", "--data-dir", "/var/lib/edgevision"]
 * ```
 */
export function serveRunArgs(args: readonly string[], context: LaunchContext): DenoRunArgs {
  let config = defaultServerConfig(1);
  try {
    config = parseServerConfig({ argv: args, getEnv: context.getEnv, cores: 1 });
  } catch {
    // --help or a bad flag: the server prints the usage or the error with the default permissions.
  }
  const root = context.projectRoot;
  const dataDir = resolve(context.cwd, config.dataDir);
  const modelDir = config.modelDir === undefined ? join(root, "models") : resolve(context.cwd, config.modelDir);
  const reads = [join(root, "src"), join(root, "node_modules"), join(root, "dist"), modelDir, dataDir];
  return [
    "run",
    "--allow-net",
    `--allow-read=${pathList(reads)}`,
    `--allow-write=${pathList([dataDir])}`,
    "--allow-sys=cpus,systemMemoryInfo",
    `--allow-env=${[...SERVER_ENV_VARS, ...REDIS_CLIENT_ENV_VARS].join(",")}`,
    `--v8-flags=${SMALL_YOUNG_GENERATION_V8_FLAG}`,
    join(root, "src", "runtime", "deno", "serve.ts"),
    ...args,
  ];
}

/**
 * `deno run` arguments of `detect`: reading the models, node_modules and the one image named on
 * the command line (none for `-`, stdin), taken from where the user typed the command (INIT_CWD,
 * which the command reads too).
 *
 * @param args The command's arguments (`deno task detect ARGS`).
 * @param context Directories and environment.
 * @returns The arguments for `deno`.
 */
export function detectRunArgs(args: readonly string[], context: LaunchContext): DenoRunArgs {
  const root = context.projectRoot;
  const reads = [join(root, "models"), join(root, "node_modules")];
  let parsed: ReturnType<typeof parseDetectArgs> | undefined;
  try {
    parsed = parseDetectArgs(args);
  } catch {
    parsed = undefined; // the command prints the usage error itself
  }
  if (parsed !== undefined && parsed !== "help" && parsed.imagePath !== "-") {
    const image = isAbsolute(parsed.imagePath) ? parsed.imagePath : resolve(context.invocationDir, parsed.imagePath);
    reads.push(image);
  }
  return ["run", `--allow-read=${pathList(reads)}`, "--allow-env=INIT_CWD", join(root, "src", "runtime", "deno", "detect.ts"), ...args];
}
