/**
 * What the `pose` task returns.
 * @module
 */
import type { TaskResultBase } from "../task-definition.ts";

/** Output of the `pose` task: per person, 25 BODY_25 keypoints `[x, y, score]`. */
export interface PoseResult extends TaskResultBase<"pose"> {
  poses: [number, number, number][][];
}
