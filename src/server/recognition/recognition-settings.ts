/**
 * Settings of gallery matching and of the enrolment API.
 * @module
 */
import type { SubjectDistance } from "../gallery/nearest-subject.ts";

/** Matching and enrolment settings. */
export interface RecognitionSettings {
  /**
   * Euclidean embedding distance beyond which a face is "Unknown" (reply confidence 105).
   * 0.6 is dlib's published threshold; scripts/accuracy-recognition.ts measures it on the faces set.
   */
  threshold: number;
  /** How a subject's distance is defined over its embeddings. */
  subjectDistance: SubjectDistance;
  /** When set, enrolment, removal and the subjects API need this token (`Authorization: Bearer …` or `X-Trainer-Token`). */
  trainerToken: string | undefined;
}

/** The defaults (see the README's recognition section for the measurements behind them). */
export const DEFAULT_RECOGNITION_SETTINGS: Readonly<RecognitionSettings> = Object.freeze({
  threshold: 0.6,
  subjectDistance: "nearest",
  trainerToken: undefined,
});

/** Longest subject name accepted (characters). */
export const MAX_SUBJECT_LENGTH = 200;
