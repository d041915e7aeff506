/**
 * The process's resident set size, for `/metrics`. `node:process` is provided by Node, Deno and Bun.
 * @module
 */
import process from "node:process";

/**
 * Reads the RSS.
 *
 * @returns Bytes, or 0 where the runtime cannot tell.
 */
export function residentMemoryBytes(): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return 0;
  }
}
