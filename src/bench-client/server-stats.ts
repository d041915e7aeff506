/** `--server-stats`: after 2 s, GET /server/usage/ every 1.5 s and average each utilisation key (§9.3). */
import { connectTcp, Http1Connection } from "./http1-connection.ts";
import { RunningStats } from "./running-stats.ts";

/** The usage keys the reference averages, in its CSV order, with their report labels. */
export const USAGE_KEYS: ReadonlyArray<{ key: string; label: string }> = [
  { key: "cpu_util", label: "CPU Utilization" },
  { key: "mem_util", label: "Memory Utilization" },
  { key: "gpu_util", label: "GPU Utilization" },
  { key: "gpu_util_max", label: "GPU Utilization Max" },
  { key: "gpu_util_avg", label: "GPU Utilization Avg" },
  { key: "gpu_mem_util", label: "GPU Memory Utilization" },
  { key: "gpu_mem_util_max", label: "GPU Memory Utilization Max" },
  { key: "gpu_mem_util_avg", label: "GPU Memory Utilization Avg" },
];

/** Starts polling; `stop()` ends it and returns the averages gathered so far. */
export function startServerStats(host: string, port: number, log: (message: string) => void): { stop(): Promise<Map<string, RunningStats>> } {
  const stats = new Map<string, RunningStats>();
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => (clearTimeout(timer), resolve());
  });
  const loop = (async () => {
    await sleep(2000);
    while (!stopped) {
      try {
        const connection = new Http1Connection(await connectTcp(host, port));
        const response = await connection.request("GET", "/server/usage/", { Host: `${host}:${port}`, Connection: "close" }, new Uint8Array(0));
        connection.close();
        const usage = JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
        for (const { key } of USAGE_KEYS) {
          const value = Number(usage[key]);
          if (usage[key] !== undefined && Number.isFinite(value)) {
            if (!stats.has(key)) stats.set(key, new RunningStats());
            stats.get(key)!.push(value);
          }
        }
      } catch (error) {
        log(`server usage poll failed: ${(error as Error).message}`);
      }
      if (!stopped) await sleep(1500);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      return stats;
    },
  };
}
