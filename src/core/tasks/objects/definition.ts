/**
 * The `objects` task: NanoDet-g, 80 COCO classes → `/object/detect/`, TCP opcode 4.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { CAMERA_AND_PHOTO_FRAMES } from "../warm-up-frames.ts";
import { fraction, inputSize, oneOf } from "../../settings/parsers.ts";
import { setting } from "../../settings/setting.ts";
import { CALIBRATED_REST_MIN_SCORE } from "./class-min-scores.ts";
import { DEFAULT_OBJECT_DETECTOR_CONFIG, type ObjectDetectorConfig } from "./objects-config.ts";
import { formatObjectsReply } from "./reply.ts";
import type { ObjectsResult } from "./result.ts";

/** Server settings of object detection. */
const settings = {
  objectsMinScore: setting<number | undefined>({
    flag: "--objects-min-score",
    env: "EDGEVISION_OBJECTS_MIN_SCORE",
    default: undefined,
    defaultText: `${DEFAULT_OBJECT_DETECTOR_CONFIG.minScore} (${CALIBRATED_REST_MIN_SCORE} with --objects-class-thresholds calibrated)`,
    parse: fraction,
    help: "lowest object score (0-1) reported; with calibrated class thresholds, the one of the classes outside the table",
  }),
  objectsClassThresholds: setting<"calibrated" | "off">({
    flag: "--objects-class-thresholds",
    env: "EDGEVISION_OBJECTS_CLASS_THRESHOLDS",
    default: "off",
    parse: oneOf("calibrated", "off"),
    help: "calibrated = per-class score thresholds tuned on the evaluation set (overfits: F1 0.60 cross-validated vs 0.71 for one threshold 0.4)",
  }),
  objectsInputSize: setting({
    flag: "--objects-input-size",
    env: "EDGEVISION_OBJECTS_INPUT_SIZE",
    default: DEFAULT_OBJECT_DETECTOR_CONFIG.inputSize as [number, number],
    defaultText: DEFAULT_OBJECT_DETECTOR_CONFIG.inputSize.join("x"),
    parse: inputSize,
    help: "objects network input HxW (multiples of 32; portrait swaps): speed/accuracy switch, see docs/pose-and-objects.md",
  }),
};

/** The objects task's definition. */
export const objectsTask = defineTask<"objects", Partial<ObjectDetectorConfig>, ObjectsResult, typeof settings>({
  name: "objects",
  label: "Objects",
  endpoint: "/object/detect/",
  tcpOpcode: 4,
  load: async (deps) => (await import("./task.ts")).loadObjectsTask(deps),
  formatReply: formatObjectsReply,
  unsupported: { rest: "Object detection not supported on this server", stream: "Object detection not supported" },
  referenceNeedsGpu: true,
  warmUp: { frames: CAMERA_AND_PHOTO_FRAMES },
  settings,
  engineConfig: ({ objectsInputSize, objectsMinScore, objectsClassThresholds }) => {
    if (objectsClassThresholds === "calibrated") {
      return { inputSize: objectsInputSize, minScore: objectsMinScore ?? CALIBRATED_REST_MIN_SCORE, classMinScores: "calibrated" };
    }
    return objectsMinScore === undefined ? { inputSize: objectsInputSize } : { inputSize: objectsInputSize, minScore: objectsMinScore };
  },
});
