#!/usr/bin/env node
// Builds the Node entry points into plain JavaScript under dist/node/ (git-ignored), so Node runs
// them without tsx, in the main process and in every engine worker:
//   serve.mjs          the server (npm run serve:node; the tests' server helper)
//   engine-worker.mjs  one engine worker, started by the server's worker spawner
//   detect.mjs         the detect command (npm run detect)
//   chunk-*.mjs        code they share, and each task's code, imported when the task loads
// npm packages stay imports, resolved from node_modules/ as before. Code splitting keeps the
// sources' dynamic imports dynamic: bundled into one file, every npm package a lazily loaded task
// imports would become a static import (the server's main thread would load TF.js). All files sit
// in one folder (the worker spawner finds engine-worker.mjs beside itself); the code finds
// models/, node_modules/ and dist/ from its own URL (src/server/project-root.ts). A rebuild
// replaces the folder: restart a server that runs from it (a task it had not loaded yet would
// look for a chunk that is gone). When dist/node/build-info.json records the same inputs (a
// digest of src/, the dependencies' versions, this script and the options), nothing is rebuilt
// and nothing is printed.
// Usage: node scripts/build-node.mjs [--force]
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { inputsDigest, listFiles, swapIntoPlace, upToDateBuild } from "./build-cache.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Output name → source entry. */
const ENTRIES = {
  serve: "src/runtime/node/serve.ts",
  "engine-worker": "src/runtime/node/engine-worker.ts",
  detect: "src/runtime/node/detect.ts",
};
const OPTIONS = { target: "node20", entries: ENTRIES };

/** The output files a build-info.json names. */
const builtFilesOf = (info) => info.files;

/**
 * Builds dist/node/ unless it is up to date.
 * @param {{ outDir?: string, force?: boolean }} [options]
 * @returns {Promise<{ outDir: string, rebuilt: boolean }>}
 */
export async function buildNode(options = {}) {
  const outDir = options.outDir ?? join(root, "dist", "node");
  const inputs = inputsDigest(root, [
    ...listFiles(join(root, "src")),
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL("./build-cache.mjs", import.meta.url)),
  ], OPTIONS);
  if (!options.force && upToDateBuild(outDir, inputs, builtFilesOf) !== undefined) return { outDir, rebuilt: false };
  const work = `${outDir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: work,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: "chunk-[hash]",
    packages: "external",
    format: "esm",
    platform: "node",
    target: OPTIONS.target,
    // Error classes are told apart by name across the worker boundary; keep every name as written.
    keepNames: true,
    sourcemap: "linked",
    logLevel: "warning",
  });
  const files = listFiles(work).map((file) => relative(work, file));
  writeFileSync(join(work, "build-info.json"), JSON.stringify({ inputs, files }, null, 2) + "\n");
  swapIntoPlace(work, outDir);
  return { outDir, rebuilt: true };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { outDir, rebuilt } = await buildNode({ force: process.argv.includes("--force") });
  // stderr: `npm run detect` prints exactly the reply body on stdout.
  if (rebuilt) console.error(`Built ${relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
}
