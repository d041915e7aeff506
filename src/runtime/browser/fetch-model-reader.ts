/**
 * A `ReadModelFile` for browsers: fetches model files over HTTP from the server's model route
 * (the service worker answers from its cache when the server is away).
 * @module
 */
import type { ReadModelFile } from "../../core/inference/model-files.ts";

/**
 * Creates a model reader that fetches `<baseUrl><relativePath>`.
 *
 * @param baseUrl URL of the models directory, ending with a slash (e.g. `/static/models/`).
 * @param fetchImpl The fetch to use (defaults to `globalThis.fetch`).
 * @returns A `ReadModelFile`.
 * @throws {Error} (from the returned function) When the file cannot be fetched.
 * @example
 * ```ts
 * const readModelFile = createFetchModelReader(new URL("/static/models/", location.href).href);
 * const bytes = await readModelFile("face-detection/blazeface-front.json");
 * ```
 */
export function createFetchModelReader(baseUrl: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): ReadModelFile {
  return async (relativePath) => {
    const url = new URL(relativePath, baseUrl).href;
    const response = await fetchImpl(url);
    if (!response.ok) throw new Error(`Cannot fetch model file "${url}": HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
