/**
 * The demo's static assets as an {@link AppMount}, reading `dist/browser/` and `models/` of this
 * checkout through `node:fs/promises` (Deno, Bun and Node all implement it; the browser build
 * never imports this file).
 * @module
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AppMount } from "../app.ts";
import { projectUrl } from "../project-root.ts";
import { createStaticAssetRoutes, type StaticAssetOptions } from "./static-routes.ts";

/**
 * The mount for `createApp`'s `mounts`.
 *
 * @param overrides Other folders or another file reader (defaults: this checkout's
 *   `dist/browser/` and `models/`, read with `node:fs/promises`).
 * @returns A mount that registers `/`, `/sw.js` and `/static/*`.
 * @example
 * ```ts
 * await runServer(config, runtime, { replies, mounts: [staticAssetsMount()] });
 * ```
 */
export function staticAssetsMount(overrides: Partial<StaticAssetOptions> = {}): AppMount {
  const options: StaticAssetOptions = {
    browserDir: fileURLToPath(projectUrl("dist/browser")),
    modelsDir: fileURLToPath(projectUrl("models")),
    readFile: async (path) => await readFile(path),
    ...overrides,
  };
  return (app) => {
    app.route("/", createStaticAssetRoutes(options));
  };
}
