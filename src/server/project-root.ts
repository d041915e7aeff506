/**
 * Where this checkout's folders are (models/, node_modules/, dist/), from this module's own URL:
 * the same in the sources (src/server/project-root.ts, run by Deno, Bun and tsx) and in the Node
 * build (dist/node/*.mjs, bundled by scripts/build-node.mjs, where this code lands in another
 * file). It looks only at the URL, never at the file system: Deno's server may read some of the
 * root's folders but not the root itself.
 * @module
 */

/** The folders the code of this checkout runs from: its sources and its builds. */
const CODE_FOLDERS = ["src", "dist"];

/**
 * The root of the checkout that holds `moduleUrl`: the parent of the nearest enclosing `src/` or
 * `dist/` folder.
 *
 * @param moduleUrl A file: URL of a module inside src/ or dist/.
 * @returns The root as a file: URL ending with a slash.
 * @throws {RangeError} When `moduleUrl` is inside neither.
 * @example
 * ```ts
 * projectRootOf("file:///srv/edgevision/dist/node/serve.mjs").href; // "file:///srv/edgevision/"
 * ```
 */
export function projectRootOf(moduleUrl: string): URL {
  const folders = new URL(".", moduleUrl).pathname.split("/");
  for (let depth = folders.length - 2; depth > 0; depth--) {
    if (CODE_FOLDERS.includes(decodeURIComponent(folders[depth] as string))) {
      return new URL(`${folders.slice(0, depth).join("/")}/`, moduleUrl);
    }
  }
  throw new RangeError(`Module "${moduleUrl}" is not inside a "src" or "dist" folder`);
}

/** This checkout's root, as a file: URL ending with a slash. */
export const PROJECT_ROOT_URL: URL = projectRootOf(import.meta.url);

/**
 * A file: URL inside this checkout.
 *
 * @param path A path relative to the root (a folder ends with a slash).
 * @returns The URL.
 * @example
 * ```ts
 * projectUrl("models/"); // file:///…/edgevision/models/
 * ```
 */
export function projectUrl(path: string): URL {
  return new URL(path, PROJECT_ROOT_URL);
}
