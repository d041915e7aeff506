#!/usr/bin/env node
// Prints the path of the Deno executable that `npm ci` installed: the platform package
// `@deno/<os>-<cpu>[-glibc]` from package.json's optionalDependencies (the `deno` npm package is
// not a dependency on purpose: its `node_modules/.bin/deno` would shadow, inside `deno task`, the
// Deno that runs the task). Falls back to `deno` on PATH. Used by `npm run serve` and the tests.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");

/**
 * The `@deno/*` package name for a platform, or undefined when Deno publishes none.
 * @param {string} platform process.platform
 * @param {string} arch process.arch
 */
export function denoPlatformPackage(platform = process.platform, arch = process.arch) {
  const cpu = { x64: "x64", arm64: "arm64" }[arch];
  if (cpu === undefined) return undefined;
  if (platform === "linux") return `@deno/linux-${cpu}-glibc`;
  if (platform === "darwin" || platform === "win32") return `@deno/${platform}-${cpu}`;
  return undefined;
}

/** Absolute path of the installed Deno executable, or "deno" (found on PATH) when none is installed. */
export function denoExecutable() {
  const name = denoPlatformPackage();
  if (name === undefined) return "deno";
  const path = join(root, "node_modules", name, process.platform === "win32" ? "deno.exe" : "deno");
  return existsSync(path) ? path : "deno";
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(denoExecutable());
}
