/**
 * Body pose (MoveNet MultiPose / SinglePose Lightning → OpenPose BODY_25): the estimator factory,
 * its settings and the pure building blocks.
 * @module
 */
export * from "./body25.ts";
export * from "./movenet-decode.ts";
export * from "./movenet-input-size.ts";
export * from "./movenet-input.ts";
export * from "./multipose-heads.ts";
export * from "./multipose-heads-decode.ts";
export * from "./input-placement.ts";
export * from "./pose-config.ts";
export * from "./pose-estimator.ts";
export type { StageTimings } from "../../timing/stage-timings.ts";
export { loadPoseTask } from "./task.ts";
export * from "./definition.ts";
export * from "./reply.ts";
export type * from "./result.ts";
