/** The rate-limited logger: one line per interval, then a count of what it held back. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimitedLog } from "../../src/server/logging/rate-limited-log.ts";

test("logs the first message, holds back repeats within the interval, and counts them in the next line", () => {
  const lines: string[] = [];
  let clock = 0;
  const warn = createRateLimitedLog((line) => lines.push(line), 10_000, () => clock);
  warn("bad upgrade");
  for (let i = 0; i < 5; i++) (clock += 1000, warn("bad upgrade"));
  assert.deepEqual(lines, ["bad upgrade"]);
  clock = 12_000;
  warn("bad upgrade");
  assert.deepEqual(lines, ["bad upgrade", "bad upgrade (and 5 more like it in the last 12 s)"]);
  clock = 30_000;
  warn("other");
  assert.equal(lines[2], "other");
});
