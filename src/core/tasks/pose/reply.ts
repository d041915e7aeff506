/**
 * The `/openpose/detect/` reply (MobiledgeX §3.4): one entry per person, 25 BODY_25 keypoints
 * `[x, y, score]` as Python floats.
 * @module
 */
import type { PoseResult } from "./result.ts";
import { PyFloat, pythonJsonDumps } from "../../protocol/mobiledgex-json.ts";

/**
 * Prints a value as the reference does: OpenPose computes in float32 and Python prints the
 * float32 widened to a double (`81.44993591308594`), so each value is rounded to float32 first.
 */
function float32Look(value: number): PyFloat {
  return new PyFloat(Math.fround(value));
}

/**
 * Formats a pose result as the reference server's JSON text.
 *
 * @param result The `pose` task's result.
 * @returns `{"success": "true", "server_processing_time": "35.358", "poses": [[[x, y, score], ...25], ...]}`,
 *   or `{"success": "false", "server_processing_time": "..."}` when nobody was found.
 * @example
 * ```ts
 * formatPoseReply({ task: "pose", processingMs: 1.5, poses: [] });
 * // '{"success": "false", "server_processing_time": "1.500"}'
 * ```
 */
export function formatPoseReply(result: PoseResult): string {
  const time = result.processingMs.toFixed(3);
  if (result.poses.length === 0) return pythonJsonDumps({ success: "false", server_processing_time: time });
  return pythonJsonDumps({
    success: "true",
    server_processing_time: time,
    poses: result.poses.map((person) => person.map((keypoint) => keypoint.map(float32Look))),
  });
}
