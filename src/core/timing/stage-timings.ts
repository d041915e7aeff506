/**
 * Milliseconds of the engine's stages for one image, filled in by the engine and the task when a
 * caller passes a record in (the worker does for every request; benchmarks do too). Pure data, so it
 * crosses the worker boundary as it is. The whole request's record is `RequestTiming`
 * (src/server/timing/request-timing.ts).
 * @module
 */

/** Milliseconds of one task call, from the decoded image to the result. */
export interface StageTimings {
  /** Image → input tensor (letterbox, normalisation). */
  preprocessMs: number;
  /** Running the network, including reading its outputs back. */
  inferenceMs: number;
  /** Outputs → results (decoding, suppression, coordinate mapping). */
  postprocessMs: number;
}

/** {@link StageTimings} plus the image decoding before them. */
export interface EngineTimings extends StageTimings {
  /** Encoded bytes → RGB pixels. */
  decodeMs: number;
}

/**
 * A record with every stage at zero, to be filled in.
 *
 * @returns A fresh {@link EngineTimings}.
 * @example
 * ```ts
 * const timings = emptyEngineTimings();
 * await engine.run("face-detection", bytes, timings);
 * console.log(timings.inferenceMs);
 * ```
 */
export function emptyEngineTimings(): EngineTimings {
  return { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 };
}
