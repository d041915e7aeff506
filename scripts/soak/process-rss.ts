/**
 * Reads the resident set size of a process and all its descendants (Linux /proc). The engine
 * workers are threads, but `deno task serve` runs the server as a child of a launcher process,
 * so the whole tree is summed.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";

/**
 * @param pid The root process id.
 * @returns RSS of the process tree in MiB, or 0 when it cannot be read (not Linux, process gone).
 */
export function processRssMiB(pid: number): number {
  let total = 0;
  for (const id of processTree(pid)) {
    try {
      const match = readFileSync(`/proc/${id}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (match !== null) total += Number(match[1]) / 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** `pid` and every descendant, from the parent ids in /proc/<id>/stat. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  let ids: string[];
  try {
    ids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [pid];
  }
  for (const id of ids) {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...children.get(parent) ?? [], Number(id)]);
    } catch {
      // Gone already.
    }
  }
  const tree: number[] = [];
  for (const queue = [pid]; queue.length > 0;) {
    const id = queue.pop() as number;
    tree.push(id);
    queue.push(...children.get(id) ?? []);
  }
  return tree;
}
