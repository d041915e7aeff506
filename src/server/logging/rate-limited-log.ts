/**
 * A logger that writes at most one line per interval and says how many similar lines it held
 * back, so a client repeating a bad request cannot flood the log.
 * @module
 */

/**
 * Wraps a log function.
 *
 * @param log Where lines go.
 * @param intervalMs Shortest time between two lines.
 * @param now Clock (for tests).
 * @returns A function taking one message; it logs it, or counts it when the last line is too recent.
 * @example
 * ```ts
 * const warn = createRateLimitedLog(console.error, 10_000);
 * warn("Refused a WebSocket upgrade without Sec-WebSocket-Key");
 * ```
 */
export function createRateLimitedLog(log: (line: string) => void, intervalMs: number, now: () => number = Date.now): (message: string) => void {
  let last = -Infinity;
  let held = 0;
  return (message) => {
    const time = now();
    if (time - last < intervalMs) {
      held++;
      return;
    }
    log(held > 0 ? `${message} (and ${held} more like it in the last ${Math.round((time - last) / 1000)} s)` : message);
    last = time;
    held = 0;
  };
}
