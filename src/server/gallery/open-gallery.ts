/**
 * Opens the gallery the `--gallery` setting names: the embedded file store (the default) or the
 * Redis store shared by several servers. The Redis store (and `@redis/client`: ~0.2 s and ~8 MB
 * of a Node main thread) is imported only when it is configured.
 * @module
 */
import { openFileGalleryStore } from "./file-gallery-store.ts";
import type { GalleryFileSystem } from "./file-system.ts";
import type { GalleryStore } from "./gallery-store.ts";

/** What {@link openGallery} needs. */
export interface OpenGalleryOptions {
  /** "file" or a `redis://` / `rediss://` URL (validated by the server config). */
  location: string;
  /** File primitives and directory of the embedded store. */
  fs: GalleryFileSystem;
  dataDirectory: string;
  /** Values per embedding; records of another length are refused and skipped (see gallery-record-check.ts). */
  embeddingLength?: number;
  /** Start-up and connection notes. */
  log: (message: string) => void;
}

/**
 * Opens the configured gallery.
 *
 * @param options Location, file system, directory and logger.
 * @returns The store.
 * @example
 * ```ts
 * const gallery = await openGallery({ location: "redis://redis:6379/0", fs: createNodeFileSystem(), dataDirectory: "./data", log: console.error });
 * ```
 */
export async function openGallery(options: OpenGalleryOptions): Promise<GalleryStore> {
  if (options.location === "file") {
    return await openFileGalleryStore({ fs: options.fs, directory: options.dataDirectory, embeddingLength: options.embeddingLength, onWarning: options.log });
  }
  const { openRedisGalleryStore } = await import("./redis-gallery-store.ts");
  return await openRedisGalleryStore({ url: options.location, embeddingLength: options.embeddingLength, log: options.log });
}
