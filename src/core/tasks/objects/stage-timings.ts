/**
 * Per-stage timing of one detection, filled in when a caller (the benchmark) asks for it.
 * @module
 */

/** Milliseconds spent in each stage of one call. */
export interface StageTimings {
  /** Image → input tensor. */
  preprocessMs: number;
  /** Running the network, including reading its outputs back. */
  inferenceMs: number;
  /** Outputs → results (decoding, NMS, coordinate mapping). */
  postprocessMs: number;
}
