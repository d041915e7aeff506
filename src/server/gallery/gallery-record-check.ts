/**
 * What makes a gallery record usable: a named subject and embeddings of the one length the
 * recognizer compares, with finite values. Checked when a log is loaded (bad records are skipped
 * and reported) and before anything is written, so one bad record cannot break every match.
 * @module
 */
import type { GalleryRecord } from "./gallery-log.ts";

/** What a record is checked against. */
export interface GalleryRecordRules {
  /** Values per embedding (128 for the dlib ResNet); `undefined` accepts any non-zero length. */
  embeddingLength?: number;
}

/**
 * Finds the first problem of a record.
 *
 * @param record The record.
 * @param rules The expected embedding length.
 * @returns `undefined` for a usable record, otherwise what is wrong (e.g. `embedding 1 has 127 values, 128 expected`).
 * @example
 * ```ts
 * galleryRecordProblem({ op: "add", subject: "Ada", ownerId: "", ownerName: "", at: "…", embeddings: [new Float32Array(127)] }, { embeddingLength: 128 });
 * // "embedding 1 has 127 values, 128 expected"
 * ```
 */
export function galleryRecordProblem(record: GalleryRecord, rules: GalleryRecordRules = {}): string | undefined {
  if (typeof record.subject !== "string" || record.subject.trim() === "") return "the subject is empty";
  if (record.op === "remove") return undefined;
  if (record.embeddings.length === 0) return "it has no embeddings";
  for (const [index, embedding] of record.embeddings.entries()) {
    const expected = rules.embeddingLength;
    if (expected !== undefined && embedding.length !== expected) return `embedding ${index + 1} has ${embedding.length} values, ${expected} expected`;
    if (embedding.length === 0) return `embedding ${index + 1} is empty`;
    if (!embedding.every(Number.isFinite)) return `embedding ${index + 1} has a value that is not a finite number`;
  }
  return undefined;
}
