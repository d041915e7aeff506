/**
 * The labelled object set (tests/fixtures/object-labels.json): which COCO classes each image
 * holds, and where its bytes are (this repository's fixtures, or the Debian darknet package's
 * sample photos, which are read from the installed package rather than copied).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";

/** One labelled box. */
export interface LabelledBox {
  /** Darknet class name. */
  class: string;
  /** `[x1, y1, x2, y2]` in image pixels. */
  box: [number, number, number, number];
}

/** One labelled image. */
export interface LabelledImage {
  file: string;
  where: "fixtures" | "darknet";
  /** `calibration` images may tune thresholds; `held-out` images only check them. */
  split: "calibration" | "held-out";
  /** Classes that are present and must be found. */
  expected: string[];
  /** Classes that are arguably present: neither credited nor counted as false. */
  allowed: string[];
  boxes?: LabelledBox[];
  source: string;
  licence: string;
  labelledBy: string;
}

/** Default directory of the darknet package's sample photos. */
export const DARKNET_DATA_DIRECTORY = "/usr/share/darknet/data";

/**
 * Reads the labels.
 *
 * @param root Repository root (the directory holding tests/).
 * @returns Every labelled image, in file order.
 */
export function readObjectLabels(root = "."): LabelledImage[] {
  return (JSON.parse(readFileSync(`${root}/tests/fixtures/object-labels.json`, "utf8")) as { images: LabelledImage[] }).images;
}

/**
 * Where an image's bytes are.
 *
 * @param image The labelled image.
 * @param root Repository root.
 * @param darknetDirectory The darknet package's data directory.
 * @returns A file path (which may not exist when darknet is not installed).
 */
export function labelledImagePath(image: LabelledImage, root = ".", darknetDirectory = DARKNET_DATA_DIRECTORY): string {
  return image.where === "fixtures" ? `${root}/tests/fixtures/${image.file}` : `${darknetDirectory}/${image.file}`;
}

/**
 * Whether the darknet package's sample photos are installed (`apt-get install darknet`).
 *
 * @param darknetDirectory The darknet package's data directory.
 */
export function darknetPhotosInstalled(darknetDirectory = DARKNET_DATA_DIRECTORY): boolean {
  return existsSync(`${darknetDirectory}/dog.jpg`);
}
