/**
 * The 80 COCO class names in darknet's `coco.names` spelling and order, which is what the
 * MobiledgeX reference (YOLOv3) reports. NanoDet was trained on the same 80 classes in the same
 * order, so a NanoDet class index is a darknet class index.
 * @module
 */

/** Darknet COCO names, index 0–79. */
export const DARKNET_COCO_CLASSES: readonly string[] = [
  "person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat", "traffic light",
  "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
  "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
  "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
  "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
  "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "sofa",
  "pottedplant", "bed", "diningtable", "toilet", "tvmonitor", "laptop", "mouse", "remote", "keyboard",
  "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
  "teddy bear", "hair drier", "toothbrush",
];

/** COCO (2017 API) names whose darknet spelling differs. */
const COCO_TO_DARKNET: Readonly<Record<string, string>> = {
  motorcycle: "motorbike",
  airplane: "aeroplane",
  couch: "sofa",
  "potted plant": "pottedplant",
  "dining table": "diningtable",
  tv: "tvmonitor",
};

/**
 * The darknet name of a class index.
 *
 * @param classIndex Index 0–79.
 * @returns The darknet spelling, e.g. `"motorbike"` for 3.
 * @throws {RangeError} When the index is outside 0–79.
 * @example
 * ```ts
 * darknetClassName(62); // "tvmonitor"
 * ```
 */
export function darknetClassName(classIndex: number): string {
  const name = DARKNET_COCO_CLASSES[classIndex];
  if (name === undefined) throw new RangeError(`COCO class index must be 0–79, got "${classIndex}"`);
  return name;
}

/**
 * Converts a COCO API class name to darknet's spelling (names spelt alike pass through).
 *
 * @param cocoName e.g. `"couch"`.
 * @returns e.g. `"sofa"`.
 * @example
 * ```ts
 * darknetSpelling("dining table"); // "diningtable"
 * ```
 */
export function darknetSpelling(cocoName: string): string {
  return COCO_TO_DARKNET[cocoName] ?? cocoName;
}

const DARKNET_TO_COCO: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(COCO_TO_DARKNET).map(([coco, darknet]) => [darknet, coco]),
);

/**
 * Converts a darknet class name to the COCO (2017 API) spelling that DeepStack, CodeProject.AI and
 * Frigate's label maps use (names spelt alike pass through).
 *
 * @param darknetName e.g. `"tvmonitor"`.
 * @returns e.g. `"tv"`.
 * @example
 * ```ts
 * cocoSpelling("pottedplant"); // "potted plant"
 * ```
 */
export function cocoSpelling(darknetName: string): string {
  return DARKNET_TO_COCO[darknetName] ?? darknetName;
}
