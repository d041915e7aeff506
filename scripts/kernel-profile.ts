/**
 * TF.js kernel times per kernel name over profiled runs (`tf.profile`), and the table the profile
 * scripts print: calls per run, median and minimum milliseconds, share of all kernel time.
 * @module
 */
import { median } from "./stats.ts";

/** One kernel call as `tf.profile` reports it (only what is summed). */
export interface ProfiledKernel {
  name: string;
  /** Milliseconds (`tf.profile` has resolved it to a number by the time it returns). */
  kernelTimeMs: unknown;
}

/** Per kernel name: calls in one run and the summed milliseconds of each run. */
export type KernelTimes = Map<string, { calls: number; ms: number[] }>;

/**
 * Adds one profiled run: each kernel name's calls and its summed time.
 *
 * @param perKernel The totals so far (modified).
 * @param kernels The run's kernels (`(await tf.profile(run)).kernels`).
 */
export function addProfiledRun(perKernel: KernelTimes, kernels: readonly ProfiledKernel[]): void {
  const sums = new Map<string, { calls: number; ms: number }>();
  for (const k of kernels) {
    const entry = sums.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += k.kernelTimeMs as number;
    sums.set(k.name, entry);
  }
  for (const [name, { calls, ms }] of sums) {
    const entry = perKernel.get(name) ?? { calls, ms: [] };
    entry.ms.push(ms);
    perKernel.set(name, entry);
  }
}

/**
 * The markdown table of kernel times, slowest (by median) first, with an "all kernels" row.
 *
 * @param perKernel The totals.
 * @returns The table's lines.
 */
export function kernelTable(perKernel: KernelTimes): string[] {
  const min = (v: number[]) => Math.min(...v);
  const rows = [...perKernel].sort((a, b) => median(b[1].ms) - median(a[1].ms));
  const total = rows.reduce((s, [, e]) => s + median(e.ms), 0);
  return [
    "| kernel | calls | median ms | min ms | share of kernel time |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(([name, e]) => `| ${name} | ${e.calls} | ${median(e.ms).toFixed(3)} | ${min(e.ms).toFixed(3)} | ${(100 * median(e.ms) / total).toFixed(1)} % |`),
    `| all kernels | | ${total.toFixed(3)} | ${rows.reduce((s, [, e]) => s + min(e.ms), 0).toFixed(3)} | |`,
  ];
}
