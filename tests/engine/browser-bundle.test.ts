// The pure core must bundle for the browser without any Node built-in (architecture contract).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));

function listTs(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe("browser bundle of src/core", () => {
  it("bundles every module of src/core for platform browser with no Node built-in", async () => {
    const modules = listTs(join(root, "src", "core"));
    assert.ok(modules.length > 20, "src/core modules found");
    // One entry that imports every core module, so nothing escapes the check.
    const entry = modules.map((path) => `export * as m${modules.indexOf(path)} from "./${relative(root, path)}";`).join("\n");
    const builtinsSeen: string[] = [];
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "core-entry.ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      metafile: true,
      logLevel: "silent",
      plugins: [{
        name: "record-node-builtins",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (NODE_BUILTINS.has(args.path)) builtinsSeen.push(`${args.path} (imported by ${args.importer})`);
            return undefined;
          });
        },
      }],
    });
    assert.deepEqual(result.errors, []);
    // Packages may guard Node-only code behind a `browser` field mapping (`"fs": false`); esbuild
    // then never resolves the import, so anything seen here is a real import from the bundle.
    const outputText = result.outputFiles.map((f) => f.text).join("\n");
    const nodeImports = [...outputText.matchAll(/\b(?:from|import|require)\s*\(?\s*["'](node:[^"']+)["']/g)].map((m) => m[1]);
    assert.deepEqual(nodeImports, [], "no node: specifier in the bundle");
    assert.deepEqual(builtinsSeen.filter((s) => s.startsWith("node:") || !s.includes("/node_modules/")), [], "no Node built-in imported from our sources");
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.includes("tasks/face-detection/face-detector.ts")));
    assert.ok(inputs.some((i) => i.includes("tfjs-backend-wasm")));
    assert.deepEqual(inputs.filter((i) => i.startsWith("node:") || NODE_BUILTINS.has(i)), []);
    // TF.js and seedrandom reach for fs/path/util/crypto… in Node-only branches; their package.json
    // "browser" fields map those to false, so each must appear as "(disabled):name", never bundled.
    const disabled = new Set(inputs.filter((i) => i.startsWith("(disabled):")).map((i) => i.slice("(disabled):".length)));
    const bundledBuiltins = builtinsSeen.filter((s) => !disabled.has(s.slice(0, s.indexOf(" "))));
    assert.deepEqual(bundledBuiltins, [], "every Node built-in a package mentions is disabled by its browser field");
  });
});
