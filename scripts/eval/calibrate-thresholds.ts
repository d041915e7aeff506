/**
 * Per-class score thresholds chosen to maximise class-level F1 on labelled images, and the
 * leave-one-out estimate of how such thresholds do on images they were not chosen on. Pure.
 * @module
 */
import type { LabelledImage } from "./object-labels.ts";
import { type ClassCounts, scoreClasses } from "./object-scores.ts";

/** Detections of one image, with scores, found at a low threshold. */
export interface ScoredRun {
  label: LabelledImage;
  objects: readonly { className: string; score: number; rect: readonly number[] }[];
}

/** Thresholds tried (per class, or one for all). */
export const THRESHOLD_GRID = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9];

/**
 * Keeps the detections at or above their class's threshold.
 *
 * @param runs Detections at a low threshold.
 * @param thresholds Class → minimum score.
 * @param fallback Minimum score of classes not in `thresholds`.
 */
export function applyThresholds(runs: readonly ScoredRun[], thresholds: Readonly<Record<string, number>>, fallback: number): ScoredRun[] {
  return runs.map(({ label, objects }) => ({ label, objects: objects.filter((o) => o.score >= (thresholds[o.className] ?? fallback)) }));
}

/**
 * Coordinate ascent over classes (two passes, classes in name order): each class gets the grid
 * threshold that maximises F1 on `runs`, ties going to the value closest to `fallback`.
 *
 * @param runs Detections at a threshold at or below the grid's lowest (0.1).
 * @param fallback The threshold every class starts from.
 * @returns Only the classes whose threshold differs from `fallback`.
 */
export function calibrateThresholds(runs: readonly ScoredRun[], fallback: number): Record<string, number> {
  const thresholds: Record<string, number> = {};
  const classes = [...new Set(runs.flatMap((r) => r.objects.map((o) => o.className)))].sort();
  for (let pass = 0; pass < 2; pass++) {
    for (const name of classes) {
      let best = thresholds[name] ?? fallback;
      let bestF1 = -1;
      for (const t of [...THRESHOLD_GRID, fallback]) {
        thresholds[name] = t;
        const f1 = scoreClasses(applyThresholds(runs, thresholds, fallback)).f1;
        if (f1 > bestF1 + 1e-9 || (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(t - fallback) < Math.abs(best - fallback))) {
          bestF1 = f1;
          best = t;
        }
      }
      thresholds[name] = best;
    }
  }
  for (const name of Object.keys(thresholds)) if (thresholds[name] === fallback) delete thresholds[name];
  return thresholds;
}

/**
 * The one threshold for every class that maximises F1 on `runs` (ties to the lower threshold).
 *
 * @param runs Detections at a threshold at or below the grid's lowest.
 * @returns The threshold.
 */
export function chooseUniformThreshold(runs: readonly ScoredRun[]): number {
  let best = THRESHOLD_GRID[0] as number;
  let bestF1 = -1;
  for (const t of THRESHOLD_GRID) {
    const f1 = scoreClasses(applyThresholds(runs, {}, t)).f1;
    if (f1 > bestF1 + 1e-9) [best, bestF1] = [t, f1];
  }
  return best;
}

/**
 * Cross-validation by group: each image is scored with thresholds calibrated on all images outside
 * its group (near-duplicates share a group; an image without one is a group of its own, so with
 * no groups this is leave-one-out).
 *
 * @param runs Detections at a low threshold.
 * @param fallback Starting threshold.
 * @param calibrate How thresholds are chosen on the other groups (default: per class from `fallback`).
 * @returns Summed counts and the F1 over all left-out images.
 */
export function leaveOneGroupOutF1(
  runs: readonly ScoredRun[],
  fallback: number,
  calibrate: (train: readonly ScoredRun[]) => { thresholds: Record<string, number>; fallback: number } = (train) => ({ thresholds: calibrateThresholds(train, fallback), fallback }),
): { total: ClassCounts; f1: number } {
  const groupOf = (run: ScoredRun) => run.label.group ?? `image:${run.label.file}`;
  const byGroup = new Map<string, { thresholds: Record<string, number>; fallback: number }>();
  const scored = runs.map((run) => {
    const group = groupOf(run);
    let chosen = byGroup.get(group);
    if (chosen === undefined) byGroup.set(group, chosen = calibrate(runs.filter((other) => groupOf(other) !== group)));
    return applyThresholds([run], chosen.thresholds, chosen.fallback)[0] as ScoredRun;
  });
  const { total, f1 } = scoreClasses(scored);
  return { total, f1 };
}
