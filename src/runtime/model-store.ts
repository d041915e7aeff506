/**
 * The one model store of Deno, Node and Bun (all three implement `node:fs/promises`): reads model
 * files from the repository's models/ directory (or another one) and locates the TF.js WASM
 * binaries in node_modules, both in this checkout (`project-root.ts`). Deno needs only `--allow-read` for them.
 * @module
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { JPEG_WASM_PATH } from "../core/image/mod.ts";
import type { ReadModelFile } from "../core/inference/model-files.ts";
import { projectUrl } from "../server/project-root.ts";

/** The repository's models/ directory. */
export const MODELS_DIRECTORY_URL = projectUrl("models/");

/** Directory of `tfjs-backend-wasm*.wasm`, ending with a slash. */
export const WASM_DIRECTORY = fileURLToPath(projectUrl("node_modules/@tensorflow/tfjs-backend-wasm/dist/"));

/** The MozJPEG decoder's WASM (`JPEG_WASM_PATH` of src/core/image), for `createEngine({ jpegWasm })`. */
export const JPEG_WASM_URL = projectUrl(JPEG_WASM_PATH);

/**
 * Reads the MozJPEG decoder's WASM, which makes JPEG decoding ~3× faster than the pure-JS path.
 *
 * @returns The bytes of `mozjpeg_dec.wasm`.
 */
export async function readJpegWasm(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(JPEG_WASM_URL));
}

/**
 * A {@link ReadModelFile} over a models directory.
 *
 * @param directory URL of the models directory (ending with a slash).
 * @returns A reader that refuses paths leaving the directory.
 */
export function createModelStore(directory: URL = MODELS_DIRECTORY_URL): ReadModelFile {
  return async (relativePath) => {
    const url = new URL(relativePath, directory);
    if (!url.href.startsWith(directory.href)) throw new RangeError(`Model path "${relativePath}" leaves the models directory`);
    return new Uint8Array(await readFile(url));
  };
}
