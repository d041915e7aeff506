/**
 * Pure decoding of MoveNet outputs into COCO-17 keypoints in image pixels.
 * @module
 */
import type { Keypoint } from "./body25.ts";
import { type InputPlacement, inputPointToImage } from "./input-placement.ts";

/** Values per MultiPose person row: 17 × (y, x, score), then ymin, xmin, ymax, xmax, score. */
export const MULTIPOSE_ROW_LENGTH = 56;

/** One person from MoveNet, before the BODY_25 conversion. */
export interface MoveNetPerson {
  score: number;
  /** 17 keypoints `[x, y, score]` in image pixels, COCO order. */
  keypoints: Keypoint[];
}

/**
 * Reads 17 `(y, x, score)` triples normalised to the network input.
 *
 * @param values The output values.
 * @param offset Index of the first triple.
 * @param placement Where the image sits in the input.
 * @returns 17 keypoints `[x, y, score]` in image pixels.
 */
export function readKeypoints(values: Float32Array, offset: number, placement: InputPlacement): Keypoint[] {
  const keypoints: Keypoint[] = [];
  for (let i = 0; i < 17; i++) {
    const at = offset + 3 * i;
    const [x, y] = inputPointToImage(values[at] ?? 0, values[at + 1] ?? 0, placement);
    keypoints.push([x, y, values[at + 2] ?? 0]);
  }
  return keypoints;
}

/**
 * Decodes SinglePose Lightning's `[1, 1, 17, 3]` output: one person whose score is the mean
 * keypoint score.
 *
 * @param values 51 values.
 * @param placement Where the image sits in the input.
 * @returns The person.
 */
export function decodeSinglePose(values: Float32Array, placement: InputPlacement): MoveNetPerson {
  const keypoints = readKeypoints(values, 0, placement);
  const score = keypoints.reduce((sum, k) => sum + k[2], 0) / keypoints.length;
  return { score, keypoints };
}

/**
 * Decodes MultiPose's `[1, 6, 56]` output, keeping people scoring at least `minScore`, highest first.
 *
 * @param values `rows × 56` values.
 * @param placement Where the image sits in the input.
 * @param minScore Minimum person score.
 * @returns People, best first.
 */
export function decodeMultiPose(values: Float32Array, placement: InputPlacement, minScore: number): MoveNetPerson[] {
  const people: MoveNetPerson[] = [];
  for (let at = 0; at + MULTIPOSE_ROW_LENGTH <= values.length; at += MULTIPOSE_ROW_LENGTH) {
    const score = values[at + 55] ?? 0;
    if (score >= minScore) people.push({ score, keypoints: readKeypoints(values, at, placement) });
  }
  return people.sort((a, b) => b.score - a.score);
}
