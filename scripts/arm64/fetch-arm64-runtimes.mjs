#!/usr/bin/env node
// Fetches the ARM64 Linux builds of Deno and Bun from the npm registry into .arm64/ (git-ignored):
// `npm pack @deno/linux-arm64-glibc@V` and `@oven/bun-linux-aarch64@V`, V being the versions
// package.json pins for this machine's Deno and Bun, then unpacks them. Already unpacked versions
// are kept. Prints the two executables' paths as JSON.
// Usage: node scripts/arm64/fetch-arm64-runtimes.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");

/** The ARM64 packages, at the versions package.json pins for the x64 ones. */
export function arm64Packages() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const deno = pkg.optionalDependencies?.["@deno/linux-x64-glibc"];
  const bun = pkg.dependencies?.bun;
  if (deno === undefined || bun === undefined) throw new Error("package.json pins no @deno/linux-x64-glibc or bun version");
  return [
    { runtime: "deno", name: "@deno/linux-arm64-glibc", version: deno, executable: "deno" },
    { runtime: "bun", name: "@oven/bun-linux-aarch64", version: bun, executable: "bin/bun" },
  ];
}

/**
 * Makes sure .arm64/<runtime>-<version>/ holds the unpacked package.
 * @returns {{ deno: string, bun: string }} Absolute paths of the ARM64 executables.
 */
export function fetchArm64Runtimes() {
  const folder = join(root, ".arm64");
  mkdirSync(folder, { recursive: true });
  const paths = {};
  for (const { runtime, name, version, executable } of arm64Packages()) {
    const target = join(folder, `${runtime}-${version}`);
    const path = join(target, "package", executable);
    if (!existsSync(path)) {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      const tarball = execFileSync("npm", ["pack", `${name}@${version}`, "--silent", "--pack-destination", target], { cwd: target, encoding: "utf8" }).trim().split("\n").at(-1);
      execFileSync("tar", ["-xzf", join(target, tarball), "-C", target]);
      rmSync(join(target, tarball));
    }
    paths[runtime] = path;
  }
  return paths;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(fetchArm64Runtimes(), null, 2));
}
