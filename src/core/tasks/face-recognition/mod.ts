/**
 * Face recognition: detector landmarks → aligned 150×150 crop → dlib ResNet 128-d embedding.
 * @module
 */
export * from "./config.ts";
export * from "./dlib-resnet.ts";
export * from "./extract-face-chip.ts";
export * from "./face-chip-geometry.ts";
export * from "./face-embedder.ts";
export { loadFaceRecognitionTask } from "./task.ts";
export * from "./definition.ts";
export * from "./reply.ts";
export type * from "./result.ts";
