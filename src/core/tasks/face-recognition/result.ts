/**
 * What the `face-recognition` task returns inside a worker (matching happens in the server).
 * @module
 */
import type { Rect } from "../geometry.ts";
import type { TaskResultBase } from "../task-definition.ts";

/** One detected face with its embedding. */
export interface EmbeddedFace {
  rect: Rect;
  score: number;
  embedding: number[];
}

/** Output of the `face-recognition` task: the first face and its embedding. */
export interface FaceEmbeddingResult extends TaskResultBase<"face-recognition"> {
  /** Absent when no face was found. */
  face?: EmbeddedFace;
  /** The 2nd, 3rd, … faces, embedded only when `RunOptions.embedFaces` asks for more than one. */
  moreFaces?: EmbeddedFace[];
  faceCount: number;
}
