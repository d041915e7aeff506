/**
 * The `objects` task: NanoDet-g, 80 COCO classes → `/object/detect/`, TCP opcode 4.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import { fraction } from "../../settings/parsers.ts";
import { setting } from "../../settings/setting.ts";
import { DEFAULT_OBJECT_DETECTOR_CONFIG, type ObjectDetectorConfig } from "./objects-config.ts";
import { formatObjectsReply } from "./reply.ts";
import type { ObjectsResult } from "./result.ts";

/** Server settings of object detection. */
const settings = {
  objectsMinScore: setting({
    flag: "--objects-min-score",
    env: "EDGEVISION_OBJECTS_MIN_SCORE",
    default: DEFAULT_OBJECT_DETECTOR_CONFIG.minScore,
    parse: fraction,
    help: "lowest object score reported (0-1)",
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
  settings,
  engineConfig: (values) => ({ minScore: values.objectsMinScore }),
});
