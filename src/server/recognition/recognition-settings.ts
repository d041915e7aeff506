/**
 * Settings of gallery matching and of the enrolment API.
 * @module
 */
import type { SubjectDistance } from "../gallery/nearest-subject.ts";

/** Matching and enrolment settings. */
export interface RecognitionSettings {
  /**
   * Euclidean embedding distance at and beyond which a face is "Unknown" (reply confidence 105).
   * dlib publishes 0.6 (LFW); scripts/accuracy-recognition.ts found no error at all between 0.52 and
   * 0.58 on the faces set (genuine, left-out and stranger presentations) and 1.4 % stranger false
   * accepts at 0.6, so the default is the middle of that band.
   */
  threshold: number;
  /** How a subject's distance is defined over its embeddings. */
  subjectDistance: SubjectDistance;
}

/** The defaults (see the README's recognition section for the measurements behind them). */
export const DEFAULT_RECOGNITION_SETTINGS: Readonly<RecognitionSettings> = Object.freeze({
  threshold: 0.55,
  subjectDistance: "nearest",
});

/** Longest subject name accepted (characters). */
export const MAX_SUBJECT_LENGTH = 200;
