/**
 * Per-stage timing of one call; the one definition is in src/core/timing/stage-timings.ts.
 * @module
 */
export type { StageTimings } from "../../timing/stage-timings.ts";
