#!/usr/bin/env node
// Builds the browser side into dist/browser/ (git-ignored), which the server's static route serves:
//   index.html, static/demo.css            the demo page (copied from src/demo/page/)
//   static/edgevision.js, static/demo.js   ES modules: the library (same core modules the server runs)
//   static/chunk-*.js                      and the demo page, sharing one chunk (one TF.js per page)
//   static/detector-worker.js              on-device detection in a module worker (same chunk)
//   static/wasm/*.wasm                     the TF.js WASM binaries (plain, SIMD, threaded SIMD) and MozJPEG
//   static/mediapipe/                      MediaPipe Tasks' WASM + BlazeFace .tflite with Tasks metadata (scripts/mediapipe/)
//   sw.js                                  the service worker, with its precache list and version baked in
//   build-info.json                        version and file list
// Models are not copied: the server serves models/ at /static/models/.
// Runs under Node, Deno (deno task serve) and Bun alike. When dist/browser/build-info.json records
// the same inputs (a digest of src/, the WASM binaries, the precached models, the dependencies'
// versions, this script and the options), nothing is rebuilt.
// Usage: node scripts/build-browser.mjs [--no-minify] [--force]
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { inputsDigest, listFiles, swapIntoPlace, upToDateBuild } from "./build-cache.mjs";
import { writeMediapipeAssets } from "./mediapipe/mediapipe-assets.mjs";
import { buildWasmThreads } from "./build-wasm-threads.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const demoSrc = join(root, "src", "demo");
const wasmSrc = join(root, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
/** The MozJPEG decoder the engine decodes JPEGs with (as on the server). */
const JPEG_WASM = join(root, "node_modules", "@jsquash", "jpeg", "codec", "dec", "mozjpeg_dec.wasm");
/** Model folders the service worker stores at install; other tasks' models are cached when first fetched. */
const PRECACHED_MODEL_DIRS = ["face-detection"];

/**
 * A digest of everything the build reads: a different digest means the output may differ.
 * @param {{ minify: boolean }} options
 */
function browserInputsDigest(options) {
  const files = [
    ...listFiles(join(root, "src")),
    ...WASM_FILES.map((name) => join(wasmSrc, name)),
    JPEG_WASM,
    ...PRECACHED_MODEL_DIRS.flatMap((d) => listFiles(join(root, "models", d))),
    ...listFiles(join(root, "scripts", "mediapipe")),
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL("./build-cache.mjs", import.meta.url)),
  ];
  return inputsDigest(root, files, options);
}

/** The output files a build-info.json names (its URLs; models are served from models/, not copied). */
const builtFilesOf = (info) => info.urls.filter((url) => !url.startsWith("/static/models/")).map((url) => (url === "/" ? "index.html" : url.slice(1)));

/**
 * Builds dist/browser/ (unless it is up to date) and returns its version and files.
 * @param {{ outDir?: string, minify?: boolean, force?: boolean }} [options]
 */
export async function buildBrowser(options = {}) {
  buildWasmThreads(); // the servers' threaded WASM files (dist/wasm-threads/), rewritten only when they change
  const outDir = options.outDir ?? join(root, "dist", "browser");
  const inputs = browserInputsDigest({ minify: options.minify ?? true });
  const current = options.force ? undefined : upToDateBuild(outDir, inputs, builtFilesOf);
  if (current !== undefined) return { outDir, version: current.version, urls: current.urls, rebuilt: false };
  const work = `${outDir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "static", "wasm"), { recursive: true });

  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      edgevision: "src/runtime/browser/mod.ts",
      demo: "src/demo/demo-page.ts",
      "detector-worker": "src/runtime/browser/detector-worker.ts",
    },
    outdir: join(work, "static"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    chunkNames: "chunk-[hash]",
    minify: options.minify ?? true,
    legalComments: "linked",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  for (const name of WASM_FILES) copyFileSync(join(wasmSrc, name), join(work, "static", "wasm", name));
  copyFileSync(JPEG_WASM, join(work, "static", "wasm", "mozjpeg_dec.wasm"));
  writeMediapipeAssets(root, join(work, "static"));
  copyFileSync(join(demoSrc, "page", "index.html"), join(work, "index.html"));
  copyFileSync(join(demoSrc, "page", "demo.css"), join(work, "static", "demo.css"));
  copyFileSync(join(demoSrc, "page", "icon.svg"), join(work, "static", "icon.svg"));

  // Everything the page needs offline, as URLs, and a version that changes with any byte of it.
  const built = listFiles(work).filter((f) => !f.endsWith(".LEGAL.txt"));
  const modelFiles = PRECACHED_MODEL_DIRS.flatMap((d) => listFiles(join(root, "models", d)));
  const hash = createHash("sha256");
  const urls = [];
  for (const file of built) {
    const rel = relative(work, file).split(sep).join("/");
    urls.push(rel === "index.html" ? "/" : `/${rel}`);
    hash.update(rel).update(readFileSync(file));
  }
  for (const file of modelFiles) {
    const rel = relative(join(root, "models"), file).split(sep).join("/");
    urls.push(`/static/models/${rel}`);
    hash.update(rel).update(readFileSync(file));
  }
  const version = hash.digest("hex").slice(0, 16);

  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/demo/service-worker/service-worker.ts"],
    outfile: join(work, "sw.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: options.minify ?? true,
    define: { __EDGEVISION_PRECACHE__: JSON.stringify({ version, urls }) },
    logLevel: "warning",
  });
  writeFileSync(join(work, "build-info.json"), JSON.stringify({ version, inputs, urls }, null, 2) + "\n");

  swapIntoPlace(work, outDir);
  return { outDir, version, urls, rebuilt: true };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { outDir, version, urls, rebuilt } = await buildBrowser({
    minify: !process.argv.includes("--no-minify"),
    force: process.argv.includes("--force"),
  });
  const ms = Math.round(performance.now() - started);
  if (!rebuilt) console.log(`${relative(root, outDir)}/ is up to date (version ${version}; checked in ${ms} ms)`);
  else {
    const bytes = listFiles(outDir).reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`Built ${relative(root, outDir)}/ (version ${version}, ${urls.length} precached URLs, ${(bytes / 1e6).toFixed(2)} MB) in ${ms} ms`);
  }
}
