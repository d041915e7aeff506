/**
 * The layering src/ARCHITECTURE.md states: which folders may import which, and where `node:`
 * built-ins are allowed. Reads every import specifier of every source file.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const SRC = new URL("../../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** `[file relative to src/, specifier]` for every static and dynamic import. */
const IMPORTS: [string, string][] = sourceFiles(SRC).flatMap((file) => {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => (m[1] ?? m[2]) as string);
  return specifiers.map((specifier): [string, string] => [relative(SRC, file), specifier]);
});

/** Where a relative import lands, relative to src/ (or the specifier itself for packages). */
function target(file: string, specifier: string): string {
  return specifier.startsWith(".") ? relative(SRC, resolve(dirname(join(SRC, file)), specifier)) : specifier;
}

const NODE_ALLOWED = [
  /^runtime\/(deno|node|bun)\//,
  /^runtime\/model-store\.ts$/,
  /^server\/gallery\/node-file-system\.ts$/,
  /^server\/static\/static-assets-mount\.ts$/,
  /^server\/usage\//,
  /^server\/pool\/create-worker-engine\.ts$/,
  /^server\/pool\/threaded-wasm-build\.ts$/,
  /^bench-client\//,
];

describe("layering (src/ARCHITECTURE.md)", () => {
  it("finds the imports it checks", () => assert.ok(IMPORTS.length > 300, `${IMPORTS.length} imports`));

  it("node: built-ins only where allowed", () => {
    const offending = IMPORTS.filter(([file, specifier]) => specifier.startsWith("node:") && !NODE_ALLOWED.some((re) => re.test(file)));
    assert.deepEqual(offending, []);
  });

  it("core imports nothing outside core", () => {
    const offending = IMPORTS.filter(([file, specifier]) => file.startsWith("core/") && specifier.startsWith(".") && !target(file, specifier).startsWith("core/"));
    assert.deepEqual(offending, []);
  });

  it("the server never imports a runtime folder, the client, the demo, the CLI or the benchmark client", () => {
    const offending = IMPORTS.filter(([file, specifier]) =>
      file.startsWith("server/") && specifier.startsWith(".") && /^(runtime|client|demo|cli|bench-client)\//.test(target(file, specifier))
    );
    assert.deepEqual(offending, []);
  });

  it("the demo page uses the browser library only", () => {
    const offending = IMPORTS.filter(([file, specifier]) => {
      if (!file.startsWith("demo/") || !specifier.startsWith(".")) return false;
      const to = target(file, specifier);
      return !to.startsWith("demo/") && to !== "runtime/browser/mod.ts";
    });
    assert.deepEqual(offending, []);
  });

  it("the benchmark client speaks to servers over the wire: it imports only core (the protocol, the task list)", () => {
    const offending = IMPORTS.filter(([file, specifier]) => {
      if (!file.startsWith("bench-client/") || !specifier.startsWith(".")) return false;
      const to = target(file, specifier);
      return !to.startsWith("bench-client/") && !to.startsWith("core/");
    });
    assert.deepEqual(offending, []);
  });

  it("tasks import the contract, not the registry or the engine", () => {
    const offending = IMPORTS.filter(([file, specifier]) =>
      /^core\/tasks\/[^/]+\//.test(file) && specifier.startsWith(".") && /^core\/(engine\/|tasks\/registry\.ts$)/.test(target(file, specifier))
    );
    assert.deepEqual(offending, []);
  });
});
