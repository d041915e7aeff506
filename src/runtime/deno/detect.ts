/**
 * Deno entry of the `detect` command: `deno task detect IMAGE` starts it through `launch.ts`, which
 * grants reading the models, node_modules and IMAGE (`permissions.ts`). Relative paths are taken
 * from where the command was typed (INIT_CWD); `-` reads the image from stdin.
 * @module
 */
import { runDetectCommand } from "../../cli/detect-command.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../model-store.ts";

declare const Deno: {
  args: string[];
  env: { get(name: string): string | undefined };
  readFile(path: string): Promise<Uint8Array>;
  stdin: { readable: ReadableStream<Uint8Array> };
  stdout: { writeSync(bytes: Uint8Array): number };
  stderr: { writeSync(bytes: Uint8Array): number };
  exit(code: number): never;
};

/** `deno task` runs in the project directory; INIT_CWD is where the user typed the command. */
function fromInvocationDirectory(path: string): string {
  let initCwd: string | undefined;
  try {
    initCwd = Deno.env.get("INIT_CWD");
  } catch {
    initCwd = undefined; // not permitted: plain `deno run` without --allow-env=INIT_CWD
  }
  return initCwd === undefined || path.startsWith("/") ? path : `${initCwd.replace(/\/$/, "")}/${path}`;
}

async function readImage(path: string): Promise<Uint8Array> {
  if (path === "-") return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
  try {
    return await Deno.readFile(fromInvocationDirectory(path));
  } catch (error) {
    if (error instanceof Error && (error.name === "NotCapable" || error.name === "PermissionDenied")) {
      throw new Error(`${error.message} (run it as "deno task detect IMAGE", which grants reading IMAGE, or pass "-" and redirect the image to stdin)`);
    }
    throw error;
  }
}

function writeAll(sink: { writeSync(bytes: Uint8Array): number }, text: string): void {
  let bytes = new TextEncoder().encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(sink.writeSync(bytes));
}

const code = await runDetectCommand(Deno.args, {
  readImage,
  readModelFile: createModelStore(),
  wasmDirectory: WASM_DIRECTORY,
  readJpegWasm,
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
});
Deno.exit(code);
