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
      const file = await open(path, "a");
      try {
        await file.write(data);
        await file.sync();
      } finally {
        await file.close();
      }
    },
    async replaceAtomically(path, data) {
      const temporary = `${path}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`;
      const file = await open(temporary, "w");
      try {
        await file.write(data);
        await file.sync();
      } finally {
        await file.close();
      }
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
      const file = await open(path, "r+");
      try {
        await file.sync();
      } finally {
        await file.close();
      }
    },
  };
}

/** Makes a rename durable. Some platforms cannot open directories; the rename is then as durable as they allow. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const directory = await open(path, "r");
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    // Windows and some runtimes refuse fsync on a directory.
  }
}
