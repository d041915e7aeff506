/**
 * The few file operations the embedded gallery needs, injected so that src/server stays free of
 * runtime imports. `createNodeFileSystem` (node-file-system.ts) implements them with `node:fs`,
 * which Deno, Bun and Node all provide.
 * @module
 */

/** Durable file primitives. Paths are plain strings joined with "/". */
export interface GalleryFileSystem {
  /** Creates a directory and its parents; no error when it exists. */
  ensureDir(path: string): Promise<void>;
  /** The whole file, or `undefined` when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Appends `data` and waits until it is on disk (fsync). Creates the file when missing. */
  appendDurably(path: string, data: Uint8Array): Promise<void>;
  /**
   * Replaces the file's content atomically: write a temporary file beside it, fsync it, rename it
   * over `path`, fsync the directory. A crash leaves either the old or the new content.
   */
  replaceAtomically(path: string, data: Uint8Array): Promise<void>;
  /** Cuts the file to `length` bytes and fsyncs it. */
  truncate(path: string, length: number): Promise<void>;
}
