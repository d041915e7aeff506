/**
 * The `objects` task: NanoDet-g, 80 COCO classes → `/object/detect/`, TCP opcode 4.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { CAMERA_AND_PHOTO_FRAMES } from "../warm-up-frames.ts";
import { fraction, inputSize } from "../../settings/parsers.ts";
import { setting } from "../../settings/setting.ts";
import { DEFAULT_OBJECT_DETECTOR_CONFIG, type ObjectDetectorConfig } from "./objects-config.ts";
import { formatObjectsReply } from "./reply.ts";
import type { ObjectsResult } from "./result.ts";

/** Server settings of object detection. */
const settings = {
  objectsMinScore: setting<number | undefined>({
    flag: "--objects-min-score",
    env: "EDGEVISION_OBJECTS_MIN_SCORE",
    default: undefined,
    defaultText: `per class (calibrated), ${DEFAULT_OBJECT_DETECTOR_CONFIG.minScore} for the rest`,
    parse: fraction,
    help: "one lowest object score for every class (0-1) instead of the calibrated per-class thresholds",
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
  engineConfig: (values) =>
    values.objectsMinScore === undefined
      ? { inputSize: values.objectsInputSize }
      : { inputSize: values.objectsInputSize, minScore: values.objectsMinScore, classMinScores: {} },
});
