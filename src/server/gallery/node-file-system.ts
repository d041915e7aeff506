/**
 * {@link GalleryFileSystem} over `node:fs/promises`. Deno, Bun and Node all implement these calls,
 * so every serve entry point can inject this one; the browser build never imports it.
 * @module
 */
import { mkdir, open, readFile, rename, truncate, unlink } from "node:fs/promises";
import type { GalleryFileSystem } from "./file-system.ts";

/**
 * Creates the `node:fs` implementation.
 *
 * @returns A {@link GalleryFileSystem}.
 * @example
 * ```ts
 * const store = await openFileGalleryStore({ fs: createNodeFileSystem(), directory: "./data" });
 * ```
 */
export function createNodeFileSystem(): GalleryFileSystem {
  return {
    async ensureDir(path) {
      await mkdir(path, { recursive: true });
    },
    async readFile(path) {
      try {
        return new Uint8Array(await readFile(path));
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async appendDurably(path, data) {
      await openAndSync(path, "a", data);
    },
    async replaceAtomically(path, data) {
      const temporary = `${path}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`;
      await openAndSync(temporary, "w", data);
      try {
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      await syncDirectory(path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || ".");
    },
    async truncate(path, length) {
      await truncate(path, length);
      await openAndSync(path, "r+");
    },
  };
}

/** Makes a rename durable. Some platforms cannot open directories; the rename is then as durable as they allow. */
async function syncDirectory(path: string): Promise<void> {
  try {
    await openAndSync(path, "r");
  } catch {
    // Windows and some runtimes refuse fsync on a directory.
  }
}

/** Opens `path` with `flags`, writes `data` (when given), syncs it to disk and closes it. */
async function openAndSync(path: string, flags: "a" | "w" | "r+" | "r", data?: Uint8Array): Promise<void> {
  const file = await open(path, flags);
  try {
    if (data !== undefined) await file.write(data);
    await file.sync();
  } finally {
    await file.close();
  }
}
