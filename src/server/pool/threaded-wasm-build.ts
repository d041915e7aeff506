/**
 * Loads the threaded SIMD build that `scripts/build-wasm-threads.mjs` generates into
 * dist/wasm-threads/ (the browser build and the test runner run it), for engines asked to run
 * more than one thread. `node:module`/`node:url` work the same in Deno, Node and Bun.
 * @module
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ThreadedWasmBuild } from "../../core/inference/threaded-wasm.ts";
import { projectUrl } from "../project-root.ts";

const DIRECTORY = projectUrl("dist/wasm-threads/");

/**
 * The generated factory and pthread worker script.
 *
 * @returns The build, for `initWasmBackend({ threadedBuild })`.
 * @throws {Error} When dist/wasm-threads/ has not been generated.
 */
export function loadThreadedWasmBuild(): ThreadedWasmBuild {
  const glue = fileURLToPath(new URL("tfjs-backend-wasm-threaded-simd.cjs", DIRECTORY));
  const workerPath = fileURLToPath(new URL("tfjs-backend-wasm-threaded-simd.worker.cjs", DIRECTORY));
  if (!existsSync(glue) || !existsSync(workerPath)) {
    throw new Error(`More than one thread needs the generated "${fileURLToPath(DIRECTORY)}" (run "node scripts/build-wasm-threads.mjs" or "npm run build:browser")`);
  }
  return { factory: createRequire(import.meta.url)(glue), workerPath };
}
