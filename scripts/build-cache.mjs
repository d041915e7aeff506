// What the builds (build-browser.mjs, build-node.mjs) share so they skip work when nothing changed:
// a digest of their inputs, the test whether a previous output folder was built from the same
// inputs and is complete, and the swap that puts a new output folder in place. Runs under Node,
// Deno and Bun alike.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every file under `dir`, sorted, as absolute paths.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/**
 * A digest of everything a build reads: a different digest means the output may differ.
 * @param {string} root The checkout (package.json, node_modules/).
 * @param {readonly string[]} files The input files (absolute paths under `root`).
 * @param {unknown} options The build's options (JSON-serialisable).
 * @returns {string} Hex digest of the options, the installed versions of every dependency and the files.
 */
export function inputsDigest(root, files, options) {
  const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const dependencies = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies }).sort();
  const hash = createHash("sha256").update(JSON.stringify(options));
  for (const name of dependencies) {
    try {
      hash.update(`${name}@${JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version}\n`);
    } catch {
      hash.update(`${name}: missing\n`); // dev-only packages a production install leaves out
    }
  }
  for (const file of files) hash.update(relative(root, file)).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

/**
 * The previous build's build-info.json when it was built from the same inputs and every file it
 * lists still exists, else undefined.
 * @param {string} outDir The output folder (holds build-info.json).
 * @param {string} inputs The current {@link inputsDigest}.
 * @param {(info: any) => string[]} filesOf The output files an info names (paths relative to `outDir`).
 * @returns {any}
 */
export function upToDateBuild(outDir, inputs, filesOf) {
  try {
    const info = JSON.parse(readFileSync(join(outDir, "build-info.json"), "utf8"));
    if (info.inputs !== inputs) return undefined;
    for (const file of filesOf(info)) statSync(join(outDir, file));
    return info;
  } catch {
    return undefined;
  }
}

/**
 * Moves a finished build from `work` to `outDir`, so a running server never reads a half-written
 * build. Another build (a concurrent test run) may swap in between; then its result is moved
 * away and the swap tried again.
 * @param {string} work The folder the build was written to.
 * @param {string} outDir Where it belongs.
 */
export function swapIntoPlace(work, outDir) {
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
}
