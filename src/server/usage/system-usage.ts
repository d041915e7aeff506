/**
 * CPU and memory utilisation for `/server/usage/`, as psutil reports them to the reference:
 * CPU percent since the previous call (the first call reads 0.0) and RAM used percent.
 * `node:os` works in Node, Bun and Deno (Deno needs `--allow-sys=cpus,systemMemoryInfo`).
 * @module
 */
import { cpus, freemem, totalmem } from "node:os";

/** One usage sample; both numbers have one decimal, as psutil rounds them. */
export interface UsageSample {
  cpuUtil: number;
  memUtil: number;
}

/** Returns a sample each call. */
export type UsageSampler = () => UsageSample;

interface CpuTimes {
  busy: number;
  total: number;
}

function readCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

/**
 * Creates a sampler that keeps its previous CPU reading (state per instance, not per module).
 *
 * @returns The sampler.
 * @example
 * ```ts
 * const sample = createSystemUsageSampler();
 * sample(); // { cpuUtil: 0, memUtil: 41.7 }
 * ```
 */
export function createSystemUsageSampler(): UsageSampler {
  let previous: CpuTimes | undefined;
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  return () => {
    let cpuUtil = 0;
    try {
      const now = readCpuTimes();
      if (previous !== undefined && now.total > previous.total) {
        cpuUtil = (100 * (now.busy - previous.busy)) / (now.total - previous.total);
      }
      previous = now;
    } catch {
      cpuUtil = 0;
    }
    let memUtil = 0;
    try {
      const total = totalmem();
      memUtil = total > 0 ? (100 * (total - freemem())) / total : 0;
    } catch {
      memUtil = 0;
    }
    return { cpuUtil: oneDecimal(Math.max(0, Math.min(100, cpuUtil))), memUtil: oneDecimal(memUtil) };
  };
}
