/**
 * Reads a process's resident set size (Linux /proc; the engine workers are threads, so this is the
 * whole server).
 * @module
 */
import { readFileSync } from "node:fs";

/**
 * @param pid The process id.
 * @returns RSS in MiB, or 0 when it cannot be read (not Linux, process gone).
 */
export function processRssMiB(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return match === null ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}
