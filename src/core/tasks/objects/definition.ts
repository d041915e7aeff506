/**
 * The `objects` task: NanoDet-g, 80 COCO classes → `/object/detect/`, TCP opcode 4.
 * @module
 */
import { defineTask } from "../task-definition.ts";
import type { ObjectDetectorConfig } from "./objects-config.ts";
import { formatObjectsReply } from "./reply.ts";
import type { ObjectsResult } from "./result.ts";

/** The objects task's definition. */
export const objectsTask = defineTask<"objects", Partial<ObjectDetectorConfig>, ObjectsResult>({
  name: "objects",
  label: "Objects",
  endpoint: "/object/detect/",
  tcpOpcode: 4,
  load: async (deps) => (await import("./task.ts")).loadObjectsTask(deps),
  formatReply: formatObjectsReply,
  unsupported: { rest: "Object detection not supported on this server", stream: "Object detection not supported" },
  referenceNeedsGpu: true,
});
