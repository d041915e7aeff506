/**
 * `deno task serve` / `deno task detect`: starts the server or the detect command in a child
 * `deno run` (the same Deno executable) whose permissions follow its arguments
 * (`permissions.ts`): an operator's `--data-dir`/`--model-dir` outside the checkout, or the image
 * file given to `detect`, and nothing else outside the checkout's own folders.
 * Needs `--allow-env` (to read the settings and pass them on) and `--allow-run` (to start Deno).
 * SIGTERM/SIGHUP are passed on to the child; SIGINT from a terminal reaches it directly (same
 * process group), so the launcher only waits. Exits with the child's exit code.
 * @module
 */
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT_URL } from "../../server/project-root.ts";
import { type DenoRunArgs, detectRunArgs, type LaunchContext, serveRunArgs } from "./permissions.ts";

type Signal = "SIGINT" | "SIGTERM" | "SIGHUP";

/** The part of Deno's API this entry uses (type checking under tsc, which has no Deno types). */
declare const Deno: {
  args: string[];
  env: { get(name: string): string | undefined };
  cwd(): string;
  execPath(): string;
  exit(code: number): never;
  addSignalListener(signal: Signal, handler: () => void): void;
  Command: new (command: string, options: { args: string[]; stdin: "inherit"; stdout: "inherit"; stderr: "inherit" }) => {
    spawn(): { kill(signal: Signal): void; status: Promise<{ code: number; signal: string | null }> };
  };
};

const COMMANDS: Record<string, (args: readonly string[], context: LaunchContext) => DenoRunArgs> = {
  serve: serveRunArgs,
  detect: detectRunArgs,
};

const [name, ...args] = Deno.args;
const toRunArgs = name === undefined ? undefined : COMMANDS[name];
if (toRunArgs === undefined) {
  console.error(`Usage: launch.ts ${Object.keys(COMMANDS).join("|")} [ARGS…]`);
  Deno.exit(2);
}
const cwd = Deno.cwd();
const context: LaunchContext = {
  projectRoot: fileURLToPath(PROJECT_ROOT_URL).replace(/\/$/, ""),
  cwd,
  invocationDir: Deno.env.get("INIT_CWD") ?? cwd,
  getEnv: (variable) => Deno.env.get(variable),
};
let runArgs: DenoRunArgs;
try {
  runArgs = toRunArgs(args, context);
} catch (error) {
  console.error(`EdgeVision could not start: ${(error as Error).message}`);
  Deno.exit(2);
}
const child = new Deno.Command(Deno.execPath(), {
  args: runArgs,
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.addSignalListener("SIGINT", () => undefined);
for (const signal of ["SIGTERM", "SIGHUP"] as const) Deno.addSignalListener(signal, () => child.kill(signal));
const status = await child.status;
Deno.exit(status.signal === null ? status.code : 128 + (status.signal === "SIGTERM" ? 15 : status.signal === "SIGINT" ? 2 : 1));
