/**
 * MoveNet MultiPose's six head convolutions: the graph's raw outputs before its own
 * post-processing (centre NMS, top-k, keypoint regression and snapping).
 * @module
 */

/** Head name → graph node whose output is that head's `[1, H/4, W/4, C]` map. */
export const MULTIPOSE_HEAD_OUTPUTS = {
  /** Person-centre logits, 1 channel. */
  centre: "StatefulPartitionedCall/center_0/conv2d_4/BiasAdd",
  /** Box size (unused by the reply), 2 channels. */
  boxScale: "StatefulPartitionedCall/box_scale_0/conv2d_5/BiasAdd",
  /** Box offset (unused by the reply), 2 channels. */
  boxOffset: "StatefulPartitionedCall/box_offset_0/conv2d_6/BiasAdd",
  /** Keypoint heat-map logits, 17 channels. */
  heatmap: "StatefulPartitionedCall/kpt_heatmap_0/conv2d_7/BiasAdd",
  /** Keypoint positions regressed from the centre, 34 channels (y, x per keypoint). */
  regress: "StatefulPartitionedCall/kpt_regress_0/conv2d_8/BiasAdd",
  /** Keypoint sub-cell offsets, 34 channels (y, x per keypoint). */
  offset: "StatefulPartitionedCall/kpt_offset_0/conv2d_9/BiasAdd",
} as const;
