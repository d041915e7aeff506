/**
 * Test-time augmentation levers the evaluation scores: the image's mirror run through the same
 * detector, and the detections of several runs (mirror, other input sizes) merged by per-class
 * NMS. Pure.
 * @module
 */
import type { DecodedImage } from "../../src/core/image/decoded-image.ts";
import { intersectionOverUnion } from "../../src/core/tasks/objects/non-max-suppression.ts";

/** A detection in image pixels. */
export interface ViewObject {
  className: string;
  score: number;
  rect: readonly number[];
}

/**
 * The image mirrored left–right.
 *
 * @param image Packed RGB.
 * @returns A new image of the same size.
 * @example
 * ```ts
 * mirrorImage({ width: 2, height: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]) }).data; // [4, 5, 6, 1, 2, 3]
 * ```
 */
export function mirrorImage(image: DecodedImage): DecodedImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      out.set(data.subarray(from, from + 3), (y * width + width - 1 - x) * 3);
    }
  }
  return { width, height, data: out };
}

/**
 * Maps detections on the mirrored image back onto the image.
 *
 * @param objects Detections on `mirrorImage(image)`.
 * @param width The image width.
 * @returns Copies with `[width − x2, y1, width − x1, y2]` rects.
 */
export function unmirrorObjects<T extends ViewObject>(objects: readonly T[], width: number): T[] {
  return objects.map((o) => {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = o.rect;
    return { ...o, rect: [width - x2, y1, width - x1, y2] };
  });
}

/**
 * Merges the detections of several runs on one image: their union, then greedy per-class NMS
 * (the detector's own rule: a box overlapping a kept box of its class by IoU > `maxIou` goes).
 *
 * @param views Detections per run, in image pixels.
 * @param maxIou The detector's NMS limit.
 * @returns The kept boxes, highest score first.
 * @example
 * ```ts
 * mergeViews([plain, unmirrorObjects(mirrored, image.width)], 0.4);
 * ```
 */
export function mergeViews<T extends ViewObject>(views: readonly (readonly T[])[], maxIou: number): T[] {
  const kept: T[] = [];
  for (const candidate of views.flat().sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => k.className === candidate.className && intersectionOverUnion(k.rect, candidate.rect) > maxIou)) kept.push(candidate);
  }
  return kept;
}
