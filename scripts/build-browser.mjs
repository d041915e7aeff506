#!/usr/bin/env node
// Builds the browser side into dist/browser/ (git-ignored), which the server's static route serves:
//   index.html, static/demo.css            the demo page (copied from src/server/static/page/)
//   static/edgevision.js, static/demo.js   ES modules: the library (same core modules the server runs)
//   static/chunk-*.js                      and the demo page, sharing one chunk (one TF.js per page)
//   static/detector-worker.js              on-device detection in a module worker (same chunk)
//   static/wasm/*.wasm                     the TF.js WASM binaries (plain, SIMD, threaded SIMD) and MozJPEG
//   static/mediapipe/                      MediaPipe Tasks' WASM + BlazeFace .tflite with Tasks metadata (scripts/mediapipe/)
//   sw.js                                  the service worker, with its precache list and version baked in
//   build-info.json                        version and file list
// Models are not copied: the server serves models/ at /static/models/.
// Usage: node scripts/build-browser.mjs [--no-minify]
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { writeMediapipeAssets } from "./mediapipe/mediapipe-assets.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staticSrc = join(root, "src", "server", "static");
const wasmSrc = join(root, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
/** The MozJPEG decoder the engine decodes JPEGs with (as on the server). */
const JPEG_WASM = join(root, "node_modules", "@jsquash", "jpeg", "codec", "dec", "mozjpeg_dec.wasm");
/** Model folders the service worker stores at install; other tasks' models are cached when first fetched. */
const PRECACHED_MODEL_DIRS = ["face-detection"];

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}


/**
 * Builds dist/browser/ and returns its version and files.
 * @param {{ outDir?: string, minify?: boolean }} [options]
 */
export async function buildBrowser(options = {}) {
  const outDir = options.outDir ?? join(root, "dist", "browser");
  const work = `${outDir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "static", "wasm"), { recursive: true });

  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      edgevision: "src/runtime/browser/mod.ts",
      demo: "src/server/static/demo/demo-page.ts",
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
  for (const name of WASM_FILES) cpSync(join(wasmSrc, name), join(work, "static", "wasm", name));
  cpSync(JPEG_WASM, join(work, "static", "wasm", "mozjpeg_dec.wasm"));
  writeMediapipeAssets(root, join(work, "static"));
  cpSync(join(staticSrc, "page", "index.html"), join(work, "index.html"));
  cpSync(join(staticSrc, "page", "demo.css"), join(work, "static", "demo.css"));
  cpSync(join(staticSrc, "page", "icon.svg"), join(work, "static", "icon.svg"));

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
    entryPoints: ["src/server/static/service-worker/service-worker.ts"],
    outfile: join(work, "sw.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: options.minify ?? true,
    define: { __EDGEVISION_PRECACHE__: JSON.stringify({ version, urls }) },
    logLevel: "warning",
  });
  writeFileSync(join(work, "build-info.json"), JSON.stringify({ version, urls }, null, 2) + "\n");

  // Swap the folders so a running server never reads a half-written build. Another build (a
  // concurrent test run) may swap in between; then move its result away and try again.
  const old = `${outDir}.old-${process.pid}`;
  for (let attempt = 0; ; attempt++) {
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(outDir, old);
    } catch {
      // first build: nothing to move away
    }
    try {
      renameSync(work, outDir);
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  rmSync(old, { recursive: true, force: true });
  return { outDir, version, urls };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { outDir, version, urls } = await buildBrowser({ minify: !process.argv.includes("--no-minify") });
  const bytes = listFiles(outDir).reduce((sum, f) => sum + statSync(f).size, 0);
  console.log(`Built ${relative(root, outDir)}/ (version ${version}, ${urls.length} precached URLs, ${(bytes / 1e6).toFixed(2)} MB) in ${Math.round(performance.now() - started)} ms`);
}
