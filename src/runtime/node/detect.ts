/**
 * Node entry of the `detect` command: `npm run detect -- IMAGE` (built into dist/node/detect.mjs by
 * scripts/build-node.mjs; `npx tsx src/runtime/node/detect.ts IMAGE` runs the source).
 * @module
 */
import { readFile } from "node:fs/promises";
import { runDetectCommand } from "../../cli/detect-command.ts";
import { createModelStore, readJpegWasm, WASM_DIRECTORY } from "../model-store.ts";

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

process.exitCode = await runDetectCommand(process.argv.slice(2), {
  readImage: async (path) => path === "-" ? await readStdin() : new Uint8Array(await readFile(path)),
  readModelFile: createModelStore(),
  wasmDirectory: WASM_DIRECTORY,
  readJpegWasm,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
