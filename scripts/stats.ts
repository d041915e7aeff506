/**
 * The statistics the benchmark scripts print: one definition of a percentile for all of them.
 * @module
 */

/**
 * The p-th percentile by linear interpolation between the closest ranks (numpy's default), over
 * the values in any order (they are not modified).
 *
 * @param values Samples.
 * @param p 0–100.
 * @returns The percentile, or NaN for no samples.
 * @example
 * ```ts
 * percentile([4, 1, 3, 2], 50); // 2.5
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.ceil(rank)]! - sorted[low]!) * (rank - low);
}

/**
 * The median (the 50th {@link percentile}).
 *
 * @param values Samples.
 * @returns The median, or NaN for no samples.
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
