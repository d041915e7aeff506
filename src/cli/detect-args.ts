/**
 * Command-line arguments of `detect`: the same settings rows (flag names, parsers, defaults) as
 * the server's `--face-model` and `--max-pixels`; flags only (no environment variables).
 * @module
 */
import { ENGINE_SETTINGS } from "../core/engine/engine-settings.ts";
import { DEFAULT_MAX_PIXELS as DECODER_MAX_PIXELS } from "../core/image/read-image-header.ts";
import { parseSettings, settingsUsage } from "../core/settings/parse-settings.ts";
import type { SettingsValues } from "../core/settings/setting.ts";
import { faceDetectionTask } from "../core/tasks/face-detection/definition.ts";

/**
 * The options `detect` takes. `--max-pixels` keeps the decoder's own 40 MP default here: the command
 * reads one photo the user named (phone cameras take 12–50 MP), while the server's smaller default
 * is a memory budget against strangers' uploads.
 */
export const DETECT_SETTINGS = Object.freeze({
  faceModel: faceDetectionTask.settings.faceModel,
  maxPixels: Object.freeze({ ...ENGINE_SETTINGS.maxPixels, default: DECODER_MAX_PIXELS }),
});

/** Usage text printed by `--help` and after argument errors. */
export const DETECT_USAGE = `Usage: detect [options] IMAGE
Prints the MobiledgeX /detector/detect/ JSON reply for IMAGE (JPEG or PNG; "-" reads stdin).
Options (the server's flags of the same name):
${settingsUsage(DETECT_SETTINGS, { env: false })}`;

/** Parsed arguments. */
export interface DetectArgs extends SettingsValues<typeof DETECT_SETTINGS> {
  /** Image path, or `"-"` for standard input. */
  imagePath: string;
}

/** Thrown for unusable command-line arguments. */
export class UsageError extends Error {
  /** @param message What is wrong. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses `detect`'s arguments.
 *
 * @param args Arguments after the program name.
 * @returns The parsed arguments (defaults filled in), or `"help"` for `--help`/`-h`.
 * @throws {UsageError} When an option is unknown or malformed, or the image is missing.
 * @example
 * ```ts
 * parseDetectArgs(["--face-model", "full", "photo.jpg"]); // { imagePath: "photo.jpg", faceModel: "full", maxPixels: 40000000 }
 * ```
 */
export function parseDetectArgs(args: readonly string[]): DetectArgs | "help" {
  if (args.includes("--help") || args.includes("-h")) return "help";
  let parsed;
  try {
    parsed = parseSettings(DETECT_SETTINGS, { argv: args, positionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [imagePath, second] = parsed.positionals;
  if (imagePath === undefined) throw new UsageError("Missing the IMAGE argument");
  if (second !== undefined) throw new UsageError(`Only one image can be given, got "${imagePath}" and "${second}"`);
  return { imagePath, ...parsed.values };
}
