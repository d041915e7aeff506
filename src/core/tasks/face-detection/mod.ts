/**
 * Face detection (BlazeFace): the detector factory, its settings and the pure building blocks.
 * @module
 */
export * from "./anchors.ts";
export * from "./blazeface-graph.ts";
export * from "./config.ts";
export * from "./decode-detections.ts";
export * from "./face-detector.ts";
export * from "./letterbox.ts";
export * from "./models.ts";
export * from "./non-max-suppression.ts";
export { loadFaceDetectionTask } from "./task.ts";
export * from "./definition.ts";
export * from "./reply.ts";
export type * from "./result.ts";
