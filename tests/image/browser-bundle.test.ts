import { it } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";

// src/core/image must bundle for the browser: no node:*, Deno or Bun references.
it("src/core/image bundles for the browser without runtime built-ins", async () => {
  const result = await build({
    entryPoints: [new URL("../../src/core/image/mod.ts", import.meta.url).pathname],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  assert.deepEqual(result.errors, []);
  const code = result.outputFiles[0]!.text;
  assert.doesNotMatch(code, /from\s+["']node:|require\(["'](node:)?(fs|path|crypto|zlib|buffer)["']\)/);
  assert.doesNotMatch(code, /\bDeno\.|\bBun\./);
  assert.match(code, /DecompressionStream/);
});
