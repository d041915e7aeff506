/**
 * `createFaceEmbedder`: aligned crop of a detected face → 128-d dlib embedding.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Point } from "../geometry.ts";
import type { DetectedFace } from "../face-detection/result.ts";
import type { DecodedImage } from "../../image/mod.ts";
import type { ReadModelFile } from "../../inference/model-files.ts";
import { DLIB_INPUT_SIZE, DLIB_MEAN_RGB, DlibResNet } from "./dlib-resnet.ts";
import { type ChipTransform, DLIB_CHIP_LANDMARKS, fitChipTransform } from "./face-chip-geometry.ts";
import { type ChipSampling, extractFaceChip } from "./extract-face-chip.ts";
import type { FaceAlignment } from "./config.ts";

const SAMPLING: ChipSampling = { size: DLIB_INPUT_SIZE, meanRgb: DLIB_MEAN_RGB, divisor: 255 };

/** Turns detected faces into embeddings. */
export interface FaceEmbedder {
  /**
   * Aligns and crops `face` from `image` (normalised for the network).
   * @throws {RangeError} When the face has fewer than the landmarks the alignment needs.
   */
  crop(image: DecodedImage, face: DetectedFace): Float32Array;
  /** Embeds one crop from {@link FaceEmbedder.crop}. */
  embedCrop(crop: Float32Array): Promise<Float32Array>;
  /** `crop` then `embedCrop`. */
  embed(image: DecodedImage, face: DetectedFace): Promise<Float32Array>;
  /** Frees the network. */
  dispose(): void;
}

/**
 * Loads the dlib ResNet. Needs an initialised TF.js backend.
 *
 * @param deps `readModelFile` reads files under models/.
 * @param alignment Which landmarks to align on.
 * @returns A {@link FaceEmbedder}.
 * @example
 * ```ts
 * const embedder = await createFaceEmbedder({ readModelFile }, "eyes");
 * const embedding = await embedder.embed(image, faces[0]); // Float32Array(128)
 * ```
 */
export async function createFaceEmbedder(deps: { readModelFile: ReadModelFile }, alignment: FaceAlignment): Promise<FaceEmbedder> {
  const network = await DlibResNet.load(deps.readModelFile);
  const embedCrop = async (crop: Float32Array): Promise<Float32Array> => {
    const output = tf.tidy(() => network.embed(tf.tensor4d(crop, [1, DLIB_INPUT_SIZE, DLIB_INPUT_SIZE, 3])));
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  };
  await embedCrop(new Float32Array(DLIB_INPUT_SIZE * DLIB_INPUT_SIZE * 3)); // compile kernels now, not on the first request
  const crop = (image: DecodedImage, face: DetectedFace): Float32Array =>
    extractFaceChip(image, alignFace(face, alignment), SAMPLING);
  return {
    crop,
    embedCrop,
    embed: (image, face) => embedCrop(crop(image, face)),
    dispose: () => network.dispose(),
  };
}

/**
 * The crop → image transform for a face. BlazeFace lists the subject's right eye first, which is
 * the image-left eye of an upright face; keeping that order (rather than sorting by x) makes a
 * rotated face come out upright. Without usable landmarks (missing, or both eyes on one pixel)
 * the detector's box is mapped onto the crop instead, so an odd detection never fails a request.
 *
 * @param face A detected face.
 * @param alignment Which landmarks to fit.
 * @returns The crop → image transform.
 */
export function alignFace(face: DetectedFace, alignment: FaceAlignment): ChipTransform {
  const [subjectRightEye, subjectLeftEye, nose, mouth] = face.landmarks;
  const chip: Point[] = [DLIB_CHIP_LANDMARKS.imageLeftEye, DLIB_CHIP_LANDMARKS.imageRightEye];
  const image: Point[] = [subjectRightEye ?? [NaN, NaN], subjectLeftEye ?? [NaN, NaN]];
  if (alignment === "eyes-nose-mouth" && nose !== undefined && mouth !== undefined) {
    chip.push(DLIB_CHIP_LANDMARKS.noseTip, DLIB_CHIP_LANDMARKS.mouthCentre);
    image.push(nose, mouth);
  }
  const eyeDistance = Math.hypot(image[1]![0] - image[0]![0], image[1]![1] - image[0]![1]);
  if (!(eyeDistance >= 1)) return boxTransform(face);
  return fitChipTransform(chip, image);
}

/** Maps the 150×150 crop onto the detector's box, centred, keeping the aspect ratio. */
function boxTransform(face: DetectedFace): ChipTransform {
  const [left, top, right, bottom] = face.rect;
  const side = Math.max(right - left, bottom - top, 1);
  const scale = side / DLIB_INPUT_SIZE;
  return { a: scale, b: 0, tx: (left + right - side) / 2, ty: (top + bottom - side) / 2 };
}
