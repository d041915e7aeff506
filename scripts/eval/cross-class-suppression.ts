/**
 * Cross-class suppression, a post-processing lever the evaluation scores: after per-class NMS,
 * a box is dropped when a higher-scoring box of another class covers the same object (IoU at or
 * above a limit) — one class per object instead of "cow and sheep on a horse". Optionally only
 * within a COCO super-category (animals, food, vehicles, …), where NanoDet-g's confusions are. Pure.
 * @module
 */
import { intersectionOverUnion } from "../../src/core/tasks/objects/non-max-suppression.ts";

/** COCO's super-categories (darknet spellings), as in the COCO annotation files' `categories`. */
export const COCO_SUPERCATEGORIES: Readonly<Record<string, readonly string[]>> = {
  person: ["person"],
  vehicle: ["bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat"],
  outdoor: ["traffic light", "fire hydrant", "stop sign", "parking meter", "bench"],
  animal: ["bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe"],
  accessory: ["backpack", "umbrella", "handbag", "tie", "suitcase"],
  sports: ["frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket"],
  kitchen: ["bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl"],
  food: ["banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake"],
  furniture: ["chair", "sofa", "pottedplant", "bed", "diningtable", "toilet"],
  electronic: ["tvmonitor", "laptop", "mouse", "remote", "keyboard", "cell phone"],
  appliance: ["microwave", "oven", "toaster", "sink", "refrigerator"],
  indoor: ["book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush"],
};

const SUPERCATEGORY_OF = new Map(Object.entries(COCO_SUPERCATEGORIES).flatMap(([group, names]) => names.map((name) => [name, group] as const)));

/** Which pairs of classes may suppress each other. */
export type SuppressionScope = "all classes" | "same super-category";

/**
 * Drops every box that overlaps a higher-scoring kept box of another class by IoU ≥ `minIou`.
 *
 * @param objects Boxes of one image after per-class NMS.
 * @param minIou Overlap at which the lower-scoring box goes (0–1).
 * @param scope Every pair of classes, or only classes of one COCO super-category.
 * @returns The kept boxes, in their original order.
 * @example
 * ```ts
 * suppressAcrossClasses([horse(0.45, box), cow(0.41, box)], 0.5, "all classes"); // [horse]
 * ```
 */
export function suppressAcrossClasses<T extends { className: string; score: number; rect: readonly number[] }>(
  objects: readonly T[],
  minIou: number,
  scope: SuppressionScope,
): T[] {
  const kept: T[] = [];
  for (const candidate of [...objects].sort((a, b) => b.score - a.score)) {
    const covered = kept.some((k) =>
      k.className !== candidate.className &&
      (scope === "all classes" || SUPERCATEGORY_OF.get(k.className) === SUPERCATEGORY_OF.get(candidate.className)) &&
      intersectionOverUnion(k.rect, candidate.rect) >= minIou
    );
    if (!covered) kept.push(candidate);
  }
  return objects.filter((o) => kept.includes(o));
}
