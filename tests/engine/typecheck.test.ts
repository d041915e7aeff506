/**
 * The whole tree (src, tests, scripts) type-checks under strict TypeScript (`npm run typecheck`):
 * the runtimes run the sources without checking them, so this is where a wrong type is caught.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = new URL("../../", import.meta.url).pathname;

test("tsc -p tsconfig.json reports no error", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});
