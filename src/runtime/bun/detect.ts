/**
 * Bun entry of the `detect` command: `bun src/runtime/bun/detect.ts IMAGE`.
 * @module
 */
import { runDetectCommand } from "../../cli/detect-command.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../model-store.ts";

declare const Bun: {
  argv: string[];
  file(path: string): { arrayBuffer(): Promise<ArrayBuffer> };
  stdin: { arrayBuffer(): Promise<ArrayBuffer> };
};
declare const process: { stdout: { write(text: string): boolean }; stderr: { write(text: string): boolean }; exitCode: number };

process.exitCode = await runDetectCommand(Bun.argv.slice(2), {
  readImage: async (path) => new Uint8Array(await (path === "-" ? Bun.stdin : Bun.file(path)).arrayBuffer()),
  readModelFile: createModelStore(),
  wasmDirectory: WASM_DIRECTORY,
  readJpegWasm,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
