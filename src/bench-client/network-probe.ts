/**
 * "Network Only" latency (§9.3): once a second while the last client runs, the time of a TCP
 * connect() to the service's host and port (SOCKET), or the avg of `ping -c 1 -W 1` (PING).
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import type { NetworkLatencyMode } from "./options.ts";

/** One probe in milliseconds, or undefined when it failed (timeouts are not counted). */
export function probeOnce(mode: Exclude<NetworkLatencyMode, "NONE">, host: string, port: number): Promise<number | undefined> {
  return mode === "SOCKET" ? timeConnect(host, port, 2000) : pingOnce(host);
}

function timeConnect(host: string, port: number, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = connect({ host, port });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    function finish(ms: number | undefined) {
      clearTimeout(timer);
      socket.destroy();
      resolve(ms);
    }
    socket.once("connect", () => finish(performance.now() - start));
    socket.once("error", () => finish(undefined));
  });
}

function pingOnce(host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn("ping", ["-c", "1", "-W", "1", host], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Uint8Array) => (out += new TextDecoder().decode(chunk)));
    child.on("error", () => resolve(undefined));
    child.on("close", () => {
      const match = /= [\d.]+\/([\d.]+)\/[\d.]+\/[\d.]+ ms/.exec(out);
      resolve(match ? Number(match[1]) : undefined);
    });
  });
}

/**
 * Probes immediately, then every `intervalMs`, until `stop()` is called.
 * @param onSample receives each successful probe.
 */
export function startNetworkProbe(
  mode: Exclude<NetworkLatencyMode, "NONE">,
  host: string,
  port: number,
  onSample: (ms: number) => void,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const ms = await probeOnce(mode, host, port);
      if (ms !== undefined) onSample(ms); // it started while the client ran
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  })();
  return {
    stop() {
      stopped = true;
      wake?.();
      return loop;
    },
  };
}
