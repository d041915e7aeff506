/**
 * What the `face-recognition` task returns inside a worker (matching happens in the server).
 * @module
 */
import type { Rect } from "../geometry.ts";
import type { TaskResultBase } from "../task-definition.ts";

/** Output of the `face-recognition` task: the first face and its embedding. */
export interface FaceEmbeddingResult extends TaskResultBase<"face-recognition"> {
  /** Absent when no face was found. */
  face?: { rect: Rect; score: number; embedding: number[] };
  faceCount: number;
}
