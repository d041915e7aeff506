/**
 * The runtime-independent part of the `detect` command: parse arguments, read the image, run
 * the engine, print the reference's JSON reply. Runtime entry points inject file access and output.
 * @module
 */
import { createEngine } from "../core/engine/engine.ts";
import type { FaceDetectionResult } from "../core/engine/types.ts";
import { ImageDecodeError } from "../core/image/mod.ts";
import type { ReadModelFile } from "../core/inference/model-files.ts";
import { formatFaceDetectionReply } from "../core/tasks/face-detection/reply.ts";
import { DETECT_USAGE, parseDetectArgs, UsageError } from "./detect-args.ts";

/** What a runtime provides to the command. */
export interface DetectCommandHost {
  /** Reads the image (`"-"` means standard input). */
  readImage(path: string): Promise<Uint8Array>;
  readModelFile: ReadModelFile;
  /** Directory of the TF.js WASM binaries. */
  wasmDirectory: string;
  /** Reads the MozJPEG WASM (optional: pure-JS JPEG decoding without it). */
  readJpegWasm?: () => Promise<Uint8Array>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
}

/** Exit codes: 0 ok, 1 unreadable or undecodable image / other failure, 2 bad arguments. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs `detect`: prints the JSON reply and a newline on stdout, or a one-line error on stderr.
 *
 * @param args Arguments after the program name.
 * @param host File access and output of the runtime.
 * @returns The process exit code.
 * @example
 * ```ts
 * process.exitCode = await runDetectCommand(process.argv.slice(2), host);
 * ```
 */
export async function runDetectCommand(args: readonly string[], host: DetectCommandHost): Promise<number> {
  let parsed;
  try {
    parsed = parseDetectArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    host.stderr(`detect: ${error.message}\n${DETECT_USAGE}\n`);
    return EXIT.usage;
  }
  if (parsed === "help") {
    host.stdout(`${DETECT_USAGE}\n`);
    return EXIT.ok;
  }
  const shownPath = parsed.imagePath === "-" ? "standard input" : `"${parsed.imagePath}"`;
  let bytes: Uint8Array;
  try {
    bytes = await host.readImage(parsed.imagePath);
  } catch (error) {
    host.stderr(`detect: Cannot read ${shownPath}: ${describe(error)}\n`);
    return EXIT.failure;
  }
  try {
    const engine = await createEngine({
      readModelFile: host.readModelFile,
      tasks: ["face-detection"],
      config: {
        maxPixels: parsed.maxPixels,
        "face-detection": { model: parsed.faceModel },
      },
      wasm: { wasmDirectory: host.wasmDirectory },
      ...(host.readJpegWasm ? { jpegWasm: await host.readJpegWasm() } : {}),
    });
    try {
      const result = await engine.run("face-detection", bytes) as FaceDetectionResult;
      host.stdout(`${formatFaceDetectionReply(result)}\n`);
      return EXIT.ok;
    } finally {
      engine.dispose();
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) host.stderr(`detect: Cannot decode ${shownPath}: ${error.message}\n`);
    else host.stderr(`detect: ${describe(error)}\n`);
    return EXIT.failure;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
