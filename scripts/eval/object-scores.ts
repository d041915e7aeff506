/**
 * Class-level precision, recall and F1 of object detections against labelled images, and the IoU
 * of labelled boxes with the best detection of their class. Pure.
 * @module
 */
import { intersectionOverUnion } from "../../src/core/tasks/objects/non-max-suppression.ts";
import type { LabelledImage } from "./object-labels.ts";

/** What the detector reported for one image. */
export interface ImageDetections {
  label: LabelledImage;
  objects: readonly { className: string; rect: readonly number[] }[];
}

/** Detections with their scores. */
export interface ScoredDetections extends ImageDetections {
  objects: readonly { className: string; score: number; rect: readonly number[] }[];
}

/** Counts of one class (or of all classes). */
export interface ClassCounts {
  /** Images where the class is expected and was reported. */
  truePositives: number;
  /** Images where the class was reported but is neither expected nor allowed. */
  falsePositives: number;
  /** Images where the class is expected and was not reported. */
  falseNegatives: number;
}

/** Scores of a whole run. */
export interface ClassScores {
  perClass: Map<string, ClassCounts>;
  total: ClassCounts;
  precision: number;
  recall: number;
  f1: number;
  /** Per image: expected classes missed and false classes reported. */
  mistakes: { file: string; missed: string[]; falseClasses: string[] }[];
}

/**
 * Scores class presence per image (a class counts once per image, however many boxes it has).
 *
 * @param runs Detections per labelled image.
 * @returns Per-class counts, micro-averaged precision/recall/F1 and the per-image mistakes.
 * @example
 * ```ts
 * scoreClasses([{ label, objects: [{ className: "dog", rect: [0, 0, 9, 9] }] }]).f1;
 * ```
 */
export function scoreClasses(runs: readonly ImageDetections[]): ClassScores {
  const perClass = new Map<string, ClassCounts>();
  const counts = (name: string) => {
    let c = perClass.get(name);
    if (c === undefined) perClass.set(name, c = { truePositives: 0, falsePositives: 0, falseNegatives: 0 });
    return c;
  };
  const total: ClassCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const mistakes: ClassScores["mistakes"] = [];
  for (const { label, objects } of runs) {
    const reported = new Set(objects.map((o) => o.className));
    const missed = label.expected.filter((name) => !reported.has(name));
    const falseClasses = [...reported].filter((name) => !label.expected.includes(name) && !label.allowed.includes(name));
    for (const name of label.expected) {
      const hit = reported.has(name);
      counts(name)[hit ? "truePositives" : "falseNegatives"]++;
      total[hit ? "truePositives" : "falseNegatives"]++;
    }
    for (const name of falseClasses) {
      counts(name).falsePositives++;
      total.falsePositives++;
    }
    if (missed.length > 0 || falseClasses.length > 0) mistakes.push({ file: label.file, missed, falseClasses });
  }
  const precision = ratio(total.truePositives, total.truePositives + total.falsePositives);
  const recall = ratio(total.truePositives, total.truePositives + total.falseNegatives);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { perClass, total, precision, recall, f1, mistakes };
}

/**
 * For every labelled box, the IoU of the best-overlapping detection of its class (0 when none).
 *
 * @param runs Detections per labelled image.
 * @returns One IoU per labelled box, in label order.
 */
export function labelledBoxIous(runs: readonly ImageDetections[]): number[] {
  const ious: number[] = [];
  for (const { label, objects } of runs) {
    for (const { class: name, box } of label.boxes ?? []) {
      ious.push(Math.max(0, ...objects.filter((o) => o.className === name).map((o) => intersectionOverUnion(o.rect, box))));
    }
  }
  return ious;
}

/**
 * Boxes beyond the labelled count, on images with labelled boxes, for the labelled classes
 * (those images label every instance of those classes): duplicates and false boxes of a true class.
 *
 * @param runs Detections per labelled image.
 * @returns The surplus summed over images and classes.
 */
export function surplusBoxes(runs: readonly ImageDetections[]): number {
  let surplus = 0;
  for (const { label, objects } of runs) {
    for (const name of new Set((label.boxes ?? []).map((b) => b.class))) {
      const labelled = (label.boxes ?? []).filter((b) => b.class === name).length;
      surplus += Math.max(0, objects.filter((o) => o.className === name).length - labelled);
    }
  }
  return surplus;
}

/**
 * Keeps at most `perClass` boxes scoring below `minScore` per class and image (the best ones),
 * as the detector's `maxLowScoreBoxesPerClass` does.
 *
 * @param runs Detections with scores.
 * @param minScore Boxes at or above it are all kept.
 * @param perClass Low-score boxes kept per class.
 */
export function capLowScoreBoxes(runs: readonly ScoredDetections[], minScore: number, perClass: number): ScoredDetections[] {
  return runs.map((run) => {
    const lowKept = new Map<string, number>();
    const ranked = [...run.objects].sort((a, b) => b.score - a.score);
    const keep = new Set(ranked.filter((o) => {
      if (o.score >= minScore) return true;
      const n = lowKept.get(o.className) ?? 0;
      lowKept.set(o.className, n + 1);
      return n < perClass;
    }));
    return { ...run, objects: run.objects.filter((o) => keep.has(o)) };
  });
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
