/**
 * The rule families the evaluation cross-validates: one threshold for every class, and one
 * threshold plus cross-class suppression at an IoU limit. Pure.
 * @module
 */
import { applyThresholds, type ScoredRun, THRESHOLD_GRID } from "./calibrate-thresholds.ts";
import { suppressAcrossClasses, type SuppressionScope } from "./cross-class-suppression.ts";
import type { Rule } from "./cross-validate-rules.ts";

/** IoU limits tried for cross-class suppression. */
export const CROSS_CLASS_IOU_GRID = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * One threshold for every class.
 *
 * @param threshold Minimum score kept.
 * @returns The rule, named `≥ threshold`.
 */
export function thresholdRule(threshold: number): Rule {
  return { name: `≥ ${threshold}`, apply: (runs) => applyThresholds(runs, {}, threshold) };
}

/**
 * One threshold, then cross-class suppression.
 *
 * @param threshold Minimum score kept.
 * @param minIou Cross-class overlap at which the lower-scoring box goes.
 * @param scope Which class pairs suppress each other.
 * @returns The rule, named `≥ threshold, cross-class IoU ≥ minIou`.
 */
export function crossClassRule(threshold: number, minIou: number, scope: SuppressionScope): Rule {
  return {
    name: `≥ ${threshold}, cross-class IoU ≥ ${minIou}`,
    apply: (runs) => applyThresholds(runs, {}, threshold).map((run): ScoredRun => ({ label: run.label, objects: suppressAcrossClasses(run.objects, minIou, scope) })),
  };
}

/** Every grid threshold, ascending (ties go to the lowest). */
export const thresholdRules = (): Rule[] => THRESHOLD_GRID.map(thresholdRule);

/**
 * Every (threshold, IoU limit) pair of the grids, thresholds outer.
 *
 * @param scope Which class pairs suppress each other.
 */
export const crossClassRules = (scope: SuppressionScope): Rule[] =>
  THRESHOLD_GRID.flatMap((threshold) => CROSS_CLASS_IOU_GRID.map((minIou) => crossClassRule(threshold, minIou, scope)));
