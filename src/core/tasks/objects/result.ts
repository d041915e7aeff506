/**
 * What the `objects` task returns.
 * @module
 */
import type { Rect } from "../geometry.ts";
import type { TaskResultBase } from "../task-definition.ts";

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
export interface ObjectsResult extends TaskResultBase<"objects"> {
  objects: DetectedObject[];
}
