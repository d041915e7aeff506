/**
 * Leave-one-group-out cross-validation of a choice among post-processing rules (a threshold, a
 * cross-class suppression limit, …) and, nested, among detection variants (input sizes, mirrored
 * runs merged): each group is scored with the variant and rule that maximise class-level F1 on
 * all the other groups. Pure.
 * @module
 */
import type { ScoredRun } from "./calibrate-thresholds.ts";
import { type ClassScores, scoreClasses } from "./object-scores.ts";

/** A named way of turning low-threshold detections into reported ones. */
export interface Rule {
  name: string;
  apply: (runs: readonly ScoredRun[]) => ScoredRun[];
}

/** The detections of every labelled image (same images, same order) under one detection variant. */
export interface Variant {
  name: string;
  runs: readonly ScoredRun[];
}

/** A cross-validated score and what the folds chose. */
export interface CrossValidated {
  scores: ClassScores;
  /** `variant @ rule` → number of groups scored with it. */
  chosen: Map<string, number>;
}

/**
 * The rule with the best class-level F1 on `runs` (the first in the given order on ties).
 *
 * @param runs Detections at a low threshold.
 * @param rules Rules to choose from (at least one).
 * @returns The rule and its F1.
 */
export function chooseRule(runs: readonly ScoredRun[], rules: readonly Rule[]): { rule: Rule; f1: number } {
  let best = { rule: rules[0] as Rule, f1: -1 };
  for (const rule of rules) {
    const f1 = scoreClasses(rule.apply(runs)).f1;
    if (f1 > best.f1 + 1e-9) best = { rule, f1 };
  }
  return best;
}

/**
 * For each group of near-duplicate images (an image without a group is its own), picks the
 * (variant, rule) pair with the best F1 on the other groups — the first in the given order on
 * ties — and scores the group with it.
 *
 * @param variants Detection variants, each over all labelled images in the same order.
 * @param rules Rules to choose from.
 * @returns Class-level scores over all left-out groups and the choices made.
 * @throws {RangeError} When there is no variant or no rule.
 */
export function crossValidateChoice(variants: readonly Variant[], rules: readonly Rule[]): CrossValidated {
  if (variants.length === 0 || rules.length === 0) throw new RangeError("Cross-validation needs at least one variant and one rule");
  const first = variants[0] as Variant;
  const groupOf = (run: ScoredRun) => run.label.group ?? `image:${run.label.file}`;
  const groups = [...new Set(first.runs.map(groupOf))];
  const scored: ScoredRun[] = [];
  const chosen = new Map<string, number>();
  for (const group of groups) {
    let best = { f1: -1, variant: first, rule: rules[0] as Rule };
    for (const variant of variants) {
      const { rule, f1 } = chooseRule(variant.runs.filter((run) => groupOf(run) !== group), rules);
      if (f1 > best.f1 + 1e-9) best = { f1, variant, rule };
    }
    scored.push(...best.rule.apply(best.variant.runs.filter((run) => groupOf(run) === group)));
    const key = variants.length > 1 ? `${best.variant.name} @ ${best.rule.name}` : best.rule.name;
    chosen.set(key, (chosen.get(key) ?? 0) + 1);
  }
  return { scores: scoreClasses(scored), chosen };
}
