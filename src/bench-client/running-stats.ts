/**
 * Welford running mean and sample standard deviation (as the reference client's RunningStats),
 * plus the raw samples for percentiles.
 */
export class RunningStats {
  #n = 0;
  #mean = 0;
  #m2 = 0;
  readonly samples: number[] = [];

  push(x: number): void {
    this.#n++;
    const delta = x - this.#mean;
    this.#mean += delta / this.#n;
    this.#m2 += delta * (x - this.#mean);
    this.samples.push(x);
  }

  get count(): number {
    return this.#n;
  }

  get mean(): number {
    return this.#mean;
  }

  /** Sample standard deviation (n − 1); 0 with fewer than two samples. */
  get stddev(): number {
    return this.#n > 1 ? Math.sqrt(this.#m2 / (this.#n - 1)) : 0;
  }

  /**
   * Percentile with linear interpolation between closest ranks (numpy's default).
   * @param p 0 … 100.
   * @returns NaN when empty.
   */
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (p / 100) * (sorted.length - 1);
    const low = Math.floor(rank);
    const high = Math.ceil(rank);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
  }

  /** Summary for --json output. */
  toJSON(): { count: number; mean: number; stddev: number; min: number; p50: number; p95: number; p99: number; max: number; samples: number[] } {
    return {
      count: this.count,
      mean: this.mean,
      stddev: this.stddev,
      min: this.percentile(0),
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.percentile(100),
      samples: this.samples,
    };
  }
}
