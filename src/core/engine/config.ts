/**
 * The engine's configuration: the decoding limit plus one optional section per task. Each task
 * fills its defaults into a copy of its own section; nothing here is mutated.
 * @module
 */
import type { TaskConfigSections } from "../tasks/registry.ts";

/**
 * Largest image (width × height) decoded unless configured otherwise: 2048×2048. It covers 1440p
 * frames and 4 MP photos (the MobiledgeX clients send 240×180–640×480) and bounds one decode to
 * ~30 MB (RGBA inside the JPEG decoder plus the RGB copy), so an edge box with 1 GB survives
 * several at once.
 */
export const DEFAULT_MAX_PIXELS = 4_194_304;

/**
 * Engine settings: the pixel limit plus one optional section per task, keyed by task name (each
 * section's type comes from the task's definition; the engine hands each task its own section).
 */
export type EngineConfig = TaskConfigSections & {
  /** Images with more pixels than this are refused before decoding (decompression bombs). */
  maxPixels?: number;
};

/**
 * The pixel limit of a configuration.
 *
 * @param config Engine settings.
 * @returns `config.maxPixels`, or {@link DEFAULT_MAX_PIXELS}.
 * @throws {RangeError} When the limit is not a positive integer.
 */
export function resolveMaxPixels(config: EngineConfig): number {
  const maxPixels = config.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!Number.isInteger(maxPixels) || maxPixels < 1) {
    throw new RangeError(`maxPixels must be a positive integer, got "${maxPixels}"`);
  }
  return maxPixels;
}
