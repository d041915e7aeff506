/**
 * Command-line arguments of `detect`.
 * @module
 */
import type { FaceDetectionModel } from "../core/tasks/face-detection/config.ts";

/** Usage text printed by `--help` and after argument errors. */
export const DETECT_USAGE = `Usage: detect [--model short|full] [--max-pixels N] IMAGE
Prints the MobiledgeX /detector/detect/ JSON reply for IMAGE (JPEG or PNG; "-" reads stdin).
  --model short   BlazeFace short-range, 128² input: camera frames, faces near the camera (default)
  --model full    BlazeFace full-range, 192² input: group photos, small or distant faces
  --max-pixels N  refuse images with more than N pixels (default 40000000)`;

/** Parsed arguments. */
export interface DetectArgs {
  /** Image path, or `"-"` for standard input. */
  imagePath: string;
  model?: FaceDetectionModel;
  maxPixels?: number;
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
 * @returns The parsed arguments, or `"help"` for `--help`/`-h`.
 * @throws {UsageError} When an option is unknown or malformed, or the image is missing.
 * @example
 * ```ts
 * parseDetectArgs(["--model", "full", "photo.jpg"]); // { imagePath: "photo.jpg", model: "full" }
 * ```
 */
export function parseDetectArgs(args: readonly string[]): DetectArgs | "help" {
  const parsed: Partial<DetectArgs> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`Option "${name}" needs a value`);
      return v;
    };
    if (name === "--help" || name === "-h") return "help";
    else if (name === "--model") {
      const model = value();
      if (model !== "short" && model !== "full") throw new UsageError(`--model must be "short" or "full", got "${model}"`);
      parsed.model = model;
    } else if (name === "--max-pixels") {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-pixels must be a positive integer, got "${text}"`);
      parsed.maxPixels = n;
    } else if (name.startsWith("-") && name !== "-") throw new UsageError(`Unknown option "${name}"`);
    else if (parsed.imagePath !== undefined) throw new UsageError(`Only one image can be given, got "${parsed.imagePath}" and "${name}"`);
    else parsed.imagePath = name;
  }
  if (parsed.imagePath === undefined) throw new UsageError("Missing the IMAGE argument");
  return parsed as DetectArgs;
}
