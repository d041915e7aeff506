/**
 * Matches embeddings against the gallery and produces the recognition reply; its `reply` method is
 * the face-recognition hook the {@link VisionService} calls on the main thread.
 * @module
 */
import type { FaceEmbeddingResult } from "../../core/engine/types.ts";
import {
  distanceToConfidence,
  formatRecognitionReply,
  type RecognitionOutcome,
  UNKNOWN_SUBJECT,
} from "../../core/tasks/face-recognition/reply.ts";
import type { GalleryStore } from "../gallery/gallery-store.ts";
import { buildSubjectIndex, type SubjectIndex } from "../gallery/nearest-subject.ts";
import type { RecognitionSettings } from "./recognition-settings.ts";

/** Reason given when the gallery is empty. */
export const NO_SUBJECTS_REASON = "No subjects enrolled";

/** The result of matching one embedding. */
export interface SubjectVerdict {
  subject: string;
  /** Reply-scale confidence (105 × distance / threshold; 0 when nobody is enrolled). */
  confidence: number;
  /** Raw Euclidean distance, `undefined` when nobody is enrolled. */
  distance: number | undefined;
  reason?: string;
}

/** Gallery matching with an index cached per gallery revision. */
export class GalleryRecognizer {
  readonly #gallery: GalleryStore;
  readonly #settings: Pick<RecognitionSettings, "threshold" | "subjectDistance">;
  #index: { revision: number; index: SubjectIndex } | undefined;

  /**
   * @param gallery The subjects.
   * @param settings Threshold and subject-distance mode.
   * @throws {RangeError} When the threshold is not positive.
   */
  constructor(gallery: GalleryStore, settings: Pick<RecognitionSettings, "threshold" | "subjectDistance">) {
    if (!(settings.threshold > 0)) throw new RangeError(`Recognition threshold must be positive, got "${settings.threshold}"`);
    this.#gallery = gallery;
    this.#settings = { ...settings };
  }

  /**
   * Finds the closest subject.
   *
   * @param embedding The face's embedding.
   * @returns The subject (or "Unknown" beyond the threshold / with nobody enrolled) and confidence.
   */
  async match(embedding: Float32Array): Promise<SubjectVerdict> {
    const best = (await this.#currentIndex()).nearest(embedding);
    if (best === undefined) return { subject: UNKNOWN_SUBJECT, confidence: 0, distance: undefined, reason: NO_SUBJECTS_REASON };
    const confidence = distanceToConfidence(best.distance, this.#settings.threshold);
    return { subject: best.distance < this.#settings.threshold ? best.subject : UNKNOWN_SUBJECT, confidence, distance: best.distance };
  }

  /**
   * The reply hook: formats a face-recognition task result as the reference's JSON. The gallery
   * search time is added to `server_processing_time`.
   *
   * @param result The worker's result.
   * @returns The reply text.
   */
  async reply(result: FaceEmbeddingResult): Promise<string> {
    if (result.face === undefined) return formatRecognitionReply({ kind: "no-face", processingMs: result.processingMs });
    const start = performance.now();
    const verdict = await this.match(Float32Array.from(result.face.embedding));
    const outcome: RecognitionOutcome = {
      kind: "face",
      processingMs: result.processingMs + (performance.now() - start),
      rect: result.face.rect,
      subject: verdict.subject,
      confidence: verdict.confidence,
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    };
    return formatRecognitionReply(outcome);
  }

  async #currentIndex(): Promise<SubjectIndex> {
    const revision = this.#gallery.revision;
    if (this.#index?.revision !== revision) {
      this.#index = { revision, index: buildSubjectIndex(await this.#gallery.allEmbeddings(), this.#settings.subjectDistance) };
    }
    return this.#index.index;
  }
}
