/**
 * COCO object detection (NanoDet-g, 80 classes in darknet spelling): the detector factory, its
 * settings and the pure building blocks.
 * @module
 */
export * from "./class-min-scores.ts";
export * from "./darknet-coco-classes.ts";
export * from "../fit-letterbox.ts";
export * from "./nanodet-decode.ts";
export * from "./nanodet-fusion.ts";
export * from "./nanodet-input.ts";
export * from "./nanodet-input-size.ts";
export * from "./non-max-suppression.ts";
export * from "./object-detector.ts";
export * from "./objects-config.ts";
export type { StageTimings } from "../../timing/stage-timings.ts";
export { loadObjectsTask } from "./task.ts";
export * from "./definition.ts";
export * from "./reply.ts";
export type * from "./result.ts";
