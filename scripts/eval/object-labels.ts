/**
 * The labelled object set (tests/fixtures/object-labels.json): which COCO classes each image
 * holds, and where its bytes are (this repository's fixtures, or the sample photos of the Debian
 * packages darknet and opencv-doc, which are read from the installed packages rather than copied).
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
  where: "fixtures" | "darknet" | "opencv";
  /** Near-duplicates (same scene or series) share a group; cross-validation keeps a group together. */
  group?: string;
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

/** Default directory of the opencv-doc package's sample data. */
export const OPENCV_DATA_DIRECTORY = "/usr/share/doc/opencv-doc/examples";

/** Where the packaged photos are. */
export interface PhotoDirectories {
  darknet: string;
  opencv: string;
}

/** The installed packages' directories. */
export const DEFAULT_PHOTO_DIRECTORIES: Readonly<PhotoDirectories> = { darknet: DARKNET_DATA_DIRECTORY, opencv: OPENCV_DATA_DIRECTORY };

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
 * @param directories The packages' data directories.
 * @returns A file path (which may not exist when the package is not installed).
 */
export function labelledImagePath(image: LabelledImage, root = ".", directories: Readonly<PhotoDirectories> = DEFAULT_PHOTO_DIRECTORIES): string {
  return image.where === "fixtures" ? `${root}/tests/fixtures/${image.file}` : `${directories[image.where]}/${image.file}`;
}

/**
 * Whether the packaged sample photos are installed (`apt-get install darknet opencv-doc`).
 *
 * @param directories The packages' data directories.
 */
export function packagedPhotosInstalled(directories: Readonly<PhotoDirectories> = DEFAULT_PHOTO_DIRECTORIES): boolean {
  return existsSync(`${directories.darknet}/dog.jpg`) && existsSync(`${directories.opencv}/data/messi5.jpg`);
}
