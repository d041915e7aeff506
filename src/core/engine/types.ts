/**
 * The result types every task produces and the engine interface. Results are plain,
 * structured-cloneable objects so they cross worker boundaries unchanged.
 * @module
 */

/** The tasks EdgeVision can load. */
export type TaskName = "face-detection" | "face-recognition" | "pose" | "objects";

/** All task names, in TCP opcode order (opcode = index + 1). */
export const TASK_NAMES: readonly TaskName[] = ["face-detection", "face-recognition", "pose", "objects"];

/** `[left, top, right, bottom]` in integer pixels of the image as sent. */
export type Rect = [number, number, number, number];

/** A point `[x, y]` in pixels of the image as sent. */
export type Point = [number, number];

/** One detected face. */
export interface DetectedFace {
  rect: Rect;
  score: number;
  /** Right eye, left eye, nose, mouth, right ear, left ear (BlazeFace order). */
  landmarks: Point[];
}

/** Output of the `face-detection` task. */
export interface FaceDetectionResult {
  task: "face-detection";
  /** Milliseconds from after decoding to the end of post-processing. */
  processingMs: number;
  faces: DetectedFace[];
}

/** Output of the `face-recognition` task inside a worker: the first face and its embedding. */
export interface FaceEmbeddingResult {
  task: "face-recognition";
  processingMs: number;
  /** Absent when no face was found. */
  face?: { rect: Rect; score: number; embedding: number[] };
  faceCount: number;
}

/** Output of the `pose` task: per person, 25 BODY_25 keypoints `[x, y, score]`. */
export interface PoseResult {
  task: "pose";
  processingMs: number;
  poses: [number, number, number][][];
}

/** One detected COCO object. */
export interface DetectedObject {
  rect: Rect;
  /** Index 0–79 in the darknet COCO list. */
  classIndex: number;
  /** Darknet spelling (`motorbike`, `sofa`, `tvmonitor`). */
  className: string;
  score: number;
}

/** Output of the `objects` task. */
export interface ObjectsResult {
  task: "objects";
  processingMs: number;
  objects: DetectedObject[];
}

/** Any task's result. */
export type TaskResult = FaceDetectionResult | FaceEmbeddingResult | PoseResult | ObjectsResult;

/** Runs loaded tasks on encoded image bytes. One engine per JS realm (worker). */
export interface Engine {
  /** The tasks this engine has loaded. */
  readonly tasks: readonly TaskName[];
  /**
   * Decodes `image` and runs `task` on it.
   * @throws {ImageDecodeError} When the bytes are not a decodable image within the limits.
   * @throws {TaskUnavailableError} When the task is not loaded.
   */
  run(task: TaskName, image: Uint8Array): Promise<TaskResult>;
  /** Frees every model and tensor. */
  dispose(): void;
}
