/**
 * On-device detection behind the same result shape as the edge: the engine's result is
 * formatted by the protocol module the server uses, then parsed.
 * @module
 */
import type { Engine, TaskName, TaskResult } from "../core/engine/types.ts";
import { type MobiledgeXReply, parseReply } from "./reply.ts";

/** Detection that runs on this device. */
export interface LocalDetector {
  /** Whether this detector can run `task` (e.g. recognition needs the server's gallery). */
  supports(task: TaskName): boolean;
  /**
   * Runs `task` on encoded image bytes.
   * @throws {Error} When the bytes are not a decodable image (the engine's `ImageDecodeError`).
   */
  detect(task: TaskName, image: Uint8Array): Promise<MobiledgeXReply>;
}

/** Formats one task's engine result into the MobiledgeX reply text. */
// deno-lint-ignore no-explicit-any
export type ReplyFormatter = (result: any) => string;

/**
 * Wraps an engine as a {@link LocalDetector}.
 *
 * @param engine An engine with the tasks loaded (the same `createEngine` the server uses).
 * @param formatters The protocol formatter of each task to serve locally.
 * @returns A detector for the tasks that are both loaded and have a formatter.
 * @example
 * ```ts
 * const local = createEngineLocalDetector(engine, { "face-detection": formatFaceDetectionReply });
 * const reply = await local.detect("face-detection", jpegBytes);
 * ```
 */
export function createEngineLocalDetector(
  engine: Pick<Engine, "tasks" | "run">,
  formatters: Partial<Record<TaskName, ReplyFormatter>>,
): LocalDetector {
  return {
    supports: (task) => engine.tasks.includes(task) && formatters[task] !== undefined,
    detect: async (task, image) => {
      const format = formatters[task];
      if (format === undefined) throw new Error(`No reply format for task "${task}"`);
      const result: TaskResult = await engine.run(task, image);
      return parseReply(format(result));
    },
  };
}
