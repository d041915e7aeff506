/**
 * Which path the next frame takes. Pure: the client feeds in what it knows, this says where to go.
 * @module
 */

/** Where a frame is processed. */
export type DetectionPath = "edge" | "local";

/** The facts the choice depends on, for one task. */
export interface PathFacts {
  now: number;
  localSupported: boolean;
  /** The edge failed and must not be tried again before `edgeRetryAt`. */
  edgeDown: boolean;
  edgeRetryAt: number;
  /** Rolling median full-process latency per path (`undefined`: no samples yet). */
  edgeRollingMs: number | undefined;
  localRollingMs: number | undefined;
  /** When each path last processed a frame (`-Infinity`: never). */
  edgeLastUsedAt: number;
  localLastUsedAt: number;
}

/** Tuning of the choice. */
export interface PathPolicy {
  /** Stay on the edge unless its rolling latency is more than this fraction slower than local (hysteresis). */
  edgeSlowerMargin: number;
  /** While one path is preferred, send one frame to the other this often to refresh its latency. */
  exploreEveryMs: number;
}

/**
 * Chooses the path of the next frame.
 *
 * - No local detector for the task: always the edge.
 * - Edge down: local until its retry time, then one frame tries the edge again.
 * - Both up: the faster by rolling median (the edge wins ties and keeps a margin), except that
 *   the other path gets one frame every `exploreEveryMs` so its number stays current.
 *
 * @param facts What the client knows now.
 * @param policy Margin and exploration interval.
 * @returns `"edge"` or `"local"`.
 * @example
 * ```ts
 * choosePath({ now: 0, localSupported: true, edgeDown: true, edgeRetryAt: 500, edgeRollingMs: 9,
 *   localRollingMs: 20, edgeLastUsedAt: -Infinity, localLastUsedAt: -Infinity },
 *   { edgeSlowerMargin: 0.15, exploreEveryMs: 3000 }); // "local"
 * ```
 */
export function choosePath(facts: PathFacts, policy: PathPolicy): DetectionPath {
  if (!facts.localSupported) return "edge";
  if (facts.edgeDown) return facts.now >= facts.edgeRetryAt ? "edge" : "local";
  if (facts.edgeRollingMs === undefined) return "edge";
  if (facts.localRollingMs === undefined) return "local";
  const preferred: DetectionPath = facts.edgeRollingMs <= facts.localRollingMs * (1 + policy.edgeSlowerMargin) ? "edge" : "local";
  const other: DetectionPath = preferred === "edge" ? "local" : "edge";
  const otherLastUsedAt = other === "edge" ? facts.edgeLastUsedAt : facts.localLastUsedAt;
  return facts.now - otherLastUsedAt >= policy.exploreEveryMs ? other : preferred;
}
