/**
 * A rolling window of latency samples (the Android client keeps the last 100 "full process"
 * times; we keep a configurable window).
 * @module
 */

/** Rolling mean and median over the last `size` samples. */
export class RollingLatency {
  readonly #size: number;
  readonly #samples: number[] = [];

  /**
   * @param size How many of the newest samples to keep.
   * @throws {RangeError} When `size` is not a positive integer.
   */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Window size must be a positive integer, got "${size}"`);
    this.#size = size;
  }

  /** Adds one sample in milliseconds, dropping the oldest when the window is full. */
  add(ms: number): void {
    this.#samples.push(ms);
    if (this.#samples.length > this.#size) this.#samples.shift();
  }

  /** Forgets every sample (e.g. after the edge came back, old numbers say nothing). */
  clear(): void {
    this.#samples.length = 0;
  }

  /** Number of samples in the window. */
  get count(): number {
    return this.#samples.length;
  }

  /** Mean of the window, or `undefined` when empty. */
  get mean(): number | undefined {
    if (this.#samples.length === 0) return undefined;
    return this.#samples.reduce((sum, x) => sum + x, 0) / this.#samples.length;
  }

  /** Median of the window, or `undefined` when empty. */
  get median(): number | undefined {
    if (this.#samples.length === 0) return undefined;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
