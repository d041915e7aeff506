/**
 * Counters of a soak run, per time window and in total: requests sent, replies received by kind,
 * lost replies, latency percentiles, and the server's RSS and the machine's load.
 * @module
 */
import { percentile } from "../stats.ts";

/** What a reply was. */
export type Outcome = "ok" | "rejected" | "busy" | "unexpected";

/** One window's figures. */
export interface WindowReport {
  /** Seconds since the measured run started (window end). */
  t: number;
  sent: number;
  received: number;
  ok: number;
  rejected: number;
  busy: number;
  unexpected: number;
  lost: number;
  /** Requests not sent because every connection of the transport was busy. */
  skipped: number;
  p50Ms: number;
  p99Ms: number;
  /** Server RSS at the window's end (MiB). */
  rssMiB: number;
  /** One-minute load average at the window's end. */
  load1: number;
}

/** Totals of a run. */
export type Totals = Omit<WindowReport, "t" | "rssMiB" | "load1" | "p50Ms" | "p99Ms"> & { p50Ms: number; p99Ms: number };

/**
 * The q-quantile of unsorted samples (scripts/stats.ts's percentile); 0 for none, so an empty
 * window prints a number.
 *
 * @param samples The values.
 * @param q 0–1.
 * @returns The quantile.
 */
export function quantile(samples: readonly number[], q: number): number {
  return samples.length === 0 ? 0 : percentile(samples, q * 100);
}

/** Accumulates one window at a time and keeps every window's report plus the totals. */
export class SoakStats {
  readonly windows: WindowReport[] = [];
  #current = SoakStats.#empty();
  #latencies: number[] = [];
  readonly #allLatencies: number[] = [];
  readonly #total = SoakStats.#empty();

  static #empty() {
    return { sent: 0, received: 0, ok: 0, rejected: 0, busy: 0, unexpected: 0, lost: 0, skipped: 0 };
  }

  /** A request went out. */
  sent(): void {
    this.#current.sent++, this.#total.sent++;
  }

  /** Every connection was busy; nothing was sent. */
  skipped(): void {
    this.#current.skipped++, this.#total.skipped++;
  }

  /** A reply arrived. */
  received(outcome: Outcome, latencyMs: number): void {
    this.#current.received++, this.#total.received++;
    this.#current[outcome]++, this.#total[outcome]++;
    this.#latencies.push(latencyMs);
    this.#allLatencies.push(latencyMs);
  }

  /** A sent request got no reply (connection broken, or no reply within the timeout). */
  lost(): void {
    this.#current.lost++, this.#total.lost++;
  }

  /** Ends the window. */
  closeWindow(t: number, rssMiB: number, load1: number): WindowReport {
    const report: WindowReport = {
      t,
      ...this.#current,
      p50Ms: quantile(this.#latencies, 0.5),
      p99Ms: quantile(this.#latencies, 0.99),
      rssMiB,
      load1,
    };
    this.windows.push(report);
    this.#current = SoakStats.#empty();
    this.#latencies = [];
    return report;
  }

  /** Totals so far. */
  totals(): Totals {
    return { ...this.#total, p50Ms: quantile(this.#allLatencies, 0.5), p99Ms: quantile(this.#allLatencies, 0.99) };
  }
}

/**
 * Least-squares slope of RSS over time, in MiB per hour, over the windows from `fromT` on.
 *
 * @param windows The window reports.
 * @param fromT Seconds; earlier windows are ignored (warm-up).
 * @returns The slope (0 with fewer than two windows).
 */
export function rssSlopeMiBPerHour(windows: readonly WindowReport[], fromT: number): number {
  const points = windows.filter((w) => w.t >= fromT && w.rssMiB > 0);
  if (points.length < 2) return 0;
  const meanT = points.reduce((s, w) => s + w.t, 0) / points.length;
  const meanR = points.reduce((s, w) => s + w.rssMiB, 0) / points.length;
  let num = 0, den = 0;
  for (const w of points) num += (w.t - meanT) * (w.rssMiB - meanR), den += (w.t - meanT) ** 2;
  return den === 0 ? 0 : (num / den) * 3600;
}
