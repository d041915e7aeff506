/**
 * Writes MediaPipe Tasks' browser assets into the browser build (scripts/build-browser.mjs):
 *   static/mediapipe/face_detection_short_range.tflite   BlazeFace short-range from @mediapipe/face_detection,
 *                                                        with the Tasks metadata added (face-model-metadata.mjs)
 *   static/mediapipe/wasm/vision_wasm_internal.{js,wasm} MediaPipe Tasks' SIMD WASM from @mediapipe/tasks-vision
 * The source model is checked against its sha256 in models/manifest.json, so a changed package fails the build.
 * Browsers without WASM SIMD (none current) fall back to the TF.js engine: the no-SIMD build is not copied.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addImageInputMetadata } from "./face-model-metadata.mjs";

const MODEL_NAME = "mediapipe-blazeface-short-range";

/**
 * @param {string} root The repository root.
 * @param {string} staticDir The build's `static/` folder.
 * @returns {string[]} The files written, relative to `staticDir`.
 */
export function writeMediapipeAssets(root, staticDir) {
  const manifest = JSON.parse(readFileSync(join(root, "models", "manifest.json"), "utf8"));
  const entry = (manifest.browserAssets ?? []).find((m) => m.name === MODEL_NAME);
  if (entry === undefined) throw new Error(`models/manifest.json has no browserAssets entry "${MODEL_NAME}"`);
  const source = entry.files[0];
  const sourcePath = join(root, "node_modules", entry.source.package, source.sourcePath);
  const bytes = readFileSync(sourcePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== source.sha256) throw new Error(`${sourcePath}: sha256 ${sha256}, manifest says ${source.sha256}`);
  const prepared = addImageInputMetadata(new Uint8Array(bytes), entry.tasksMetadata);
  mkdirSync(join(staticDir, "mediapipe", "wasm"), { recursive: true });
  writeFileSync(join(staticDir, "mediapipe", source.file), prepared);
  const written = [`mediapipe/${source.file}`];
  const wasmSource = join(root, "node_modules", "@mediapipe", "tasks-vision", "wasm");
  for (const name of ["vision_wasm_internal.js", "vision_wasm_internal.wasm"]) {
    copyFileSync(join(wasmSource, name), join(staticDir, "mediapipe", "wasm", name));
    written.push(`mediapipe/wasm/${name}`);
  }
  return written;
}
