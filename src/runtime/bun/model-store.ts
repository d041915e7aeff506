/**
 * Bun: reads model files from the repository's models/ directory and locates the TF.js WASM
 * binaries in node_modules, both relative to this file.
 * @module
 */
import type { ReadModelFile } from "../../core/inference/model-files.ts";

declare const Bun: {
  file(url: URL): { arrayBuffer(): Promise<ArrayBuffer> };
  fileURLToPath(url: URL): string;
};

/** The repository's models/ directory. */
export const MODELS_DIRECTORY_URL = new URL("../../../models/", import.meta.url);

/** Directory of `tfjs-backend-wasm*.wasm`, ending with a slash. */
export const WASM_DIRECTORY = Bun.fileURLToPath(new URL("../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url));

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
    return new Uint8Array(await Bun.file(url).arrayBuffer());
  };
}
