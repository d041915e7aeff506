/**
 * Resident memory of a whole process tree (the server, its `deno task`/`tsx` parents or children,
 * and every thread's memory, which Linux counts in the process), read from `/proc`. Linux only.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";

/** Child process ids of `pid` (every thread's `children` list, as procfs splits them per thread). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of threads) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text !== "") children.push(...text.split(/\s+/).map(Number));
    } catch {
      // The thread ended while we looked.
    }
  }
  return children;
}

/** `VmRSS` of one process in bytes (0 when it is gone). */
function rssOf(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Sum of `VmRSS` over `pid` and all its descendants.
 *
 * @param pid The root process.
 * @returns Bytes resident (shared pages are counted once per process that maps them).
 */
export function processTreeRss(pid: number): number {
  return sumOverTree(pid, rssOf);
}

/** `measure` summed over `pid` and all its descendants. */
function sumOverTree(pid: number, measure: (pid: number) => number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    total += measure(next);
    pending.push(...childrenOf(next));
  }
  return total;
}

/** Samples a tree's RSS on a timer and keeps the peak. */
export class RssSampler {
  readonly #pid: number;
  #peak = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** @param pid The root process to watch. */
  constructor(pid: number) {
    this.#pid = pid;
  }

  /** Starts sampling every `intervalMs` milliseconds, forgetting the previous peak. */
  start(intervalMs = 20): void {
    this.stop();
    this.#peak = processTreeRss(this.#pid);
    this.#timer = setInterval(() => (this.#peak = Math.max(this.#peak, processTreeRss(this.#pid))), intervalMs);
  }

  /** Stops sampling; returns the peak seen (bytes). */
  stop(): number {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#peak = Math.max(this.#peak, processTreeRss(this.#pid));
    return this.#peak;
  }
}

/** Bytes as MB with one decimal (10^6, as `ps`/`top` readers expect from "MB"). */
export function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of one process, including its reaped children (0 when gone). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 of stat(5) (utime, stime, cutime, cstime) are 11–14 after the command name.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used by `pid` and its descendants (live ones, plus children they have reaped):
 * a load-independent measure of work, e.g. until a server is ready.
 *
 * @param pid The root process.
 * @returns User + system seconds.
 */
export function processTreeCpuSeconds(pid: number): number {
  return sumOverTree(pid, cpuSecondsOf);
}
