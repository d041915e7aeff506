/**
 * The embedded {@link GalleryStore}: everything in memory, every change appended durably to
 * `<directory>/gallery.log` (see gallery-log.ts) before it is acknowledged, and the log compacted
 * by an atomic rewrite once it has grown well past the live data. One process owns a directory.
 * @module
 */
import type { GalleryFileSystem } from "./file-system.ts";
import { encodeGalleryRecord, type GalleryRecord, parseGalleryLog } from "./gallery-log.ts";
import { galleryRecordProblem } from "./gallery-record-check.ts";
import { type GalleryStore, type SubjectEmbeddings, type SubjectOwner, type SubjectSummary, sortedSubjectSummaries, subjectSummary } from "./gallery-store.ts";

/** Options of {@link openFileGalleryStore}. */
export interface FileGalleryStoreOptions {
  fs: GalleryFileSystem;
  /** Data directory (created when missing). */
  directory: string;
  /** Newest embeddings kept per subject (the reference keeps the 20 newest images). Default 20. */
  maxEmbeddingsPerSubject?: number;
  /** Values per embedding (128 for the server's dlib ResNet); records with another length are refused and skipped. */
  embeddingLength?: number;
  /** Receives notes about repaired damage (a torn tail, skipped lines, invalid records). */
  onWarning?: (message: string) => void;
}

/** File name of the log inside the data directory. */
export const GALLERY_LOG_FILE = "gallery.log";

interface SubjectState extends SubjectOwner {
  embeddings: Float32Array[];
  updatedAt: string;
}

/**
 * Opens (or creates) the gallery in `options.directory`, repairing a torn tail left by a crash.
 *
 * @param options File system, directory and limits.
 * @returns The store.
 * @example
 * ```ts
 * const gallery = await openFileGalleryStore({ fs: createNodeFileSystem(), directory: "./data" });
 * await gallery.addEmbeddings("Ada", { ownerId: "", ownerName: "" }, [embedding]);
 * ```
 */
export async function openFileGalleryStore(options: FileGalleryStoreOptions): Promise<GalleryStore> {
  const { fs, directory } = options;
  const maxPerSubject = options.maxEmbeddingsPerSubject ?? 20;
  if (!Number.isInteger(maxPerSubject) || maxPerSubject < 1) {
    throw new RangeError(`maxEmbeddingsPerSubject must be a positive integer, got "${maxPerSubject}"`);
  }
  const warn = options.onWarning ?? (() => undefined);
  const rules = { embeddingLength: options.embeddingLength };
  const logPath = `${directory.replace(/\/+$/, "") || "."}/${GALLERY_LOG_FILE}`;
  await fs.ensureDir(directory);

  const subjects = new Map<string, SubjectState>();
  const apply = (record: GalleryRecord): void => {
    if (record.op === "remove") {
      subjects.delete(record.subject);
      return;
    }
    const state = subjects.get(record.subject) ?? { ownerId: "", ownerName: "", embeddings: [], updatedAt: record.at };
    state.ownerId = record.ownerId;
    state.ownerName = record.ownerName;
    state.embeddings = [...state.embeddings, ...record.embeddings].slice(-maxPerSubject);
    state.updatedAt = record.at;
    subjects.set(record.subject, state);
  };

  const existing = await fs.readFile(logPath);
  let recordsInLog = 0;
  let logLength = 0;
  let needsCompaction = false;
  if (existing !== undefined) {
    const parsed = parseGalleryLog(existing, rules);
    parsed.records.forEach(apply);
    recordsInLog = parsed.records.length;
    logLength = parsed.validLength;
    if (parsed.validLength < existing.length) {
      warn(`Gallery log "${logPath}" ended in an incomplete record (${existing.length - parsed.validLength} bytes); it was cut off`);
      await fs.truncate(logPath, parsed.validLength);
    }
    if (parsed.damagedLines > 0) {
      warn(`Gallery log "${logPath}" had ${parsed.damagedLines} damaged record(s); they were skipped`);
      needsCompaction = true;
    }
    if (parsed.invalidRecords.length > 0) {
      const shown = parsed.invalidRecords.slice(0, 5).join("; ");
      warn(`Gallery log "${logPath}" had ${parsed.invalidRecords.length} invalid record(s); they were skipped (${shown}${parsed.invalidRecords.length > 5 ? "; …" : ""})`);
      needsCompaction = true;
    }
  }

  let revision = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs writes one at a time, in order. */
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const compact = async (): Promise<void> => {
    const lines = [...subjects].map(([subject, state]) =>
      encodeGalleryRecord({ op: "add", subject, ownerId: state.ownerId, ownerName: state.ownerName, at: state.updatedAt, embeddings: state.embeddings })
    );
    const bytes = new Uint8Array(lines.reduce((sum, line) => sum + line.length, 0));
    let offset = 0;
    for (const line of lines) {
      bytes.set(line, offset);
      offset += line.length;
    }
    await fs.replaceAtomically(logPath, bytes);
    recordsInLog = lines.length;
    logLength = bytes.length;
  };

  const append = async (record: GalleryRecord): Promise<void> => {
    const problem = galleryRecordProblem(record, rules);
    if (problem !== undefined) throw new RangeError(`Refused to store a gallery record for "${record.subject}": ${problem}`);
    const line = encodeGalleryRecord(record);
    try {
      await fs.appendDurably(logPath, line);
    } catch (error) {
      // Drop a partly written line so the next append does not glue onto it.
      await fs.truncate(logPath, logLength).catch(() => undefined);
      throw error;
    }
    logLength += line.length;
    apply(record);
    recordsInLog++;
    revision++;
    // Each subject's history collapses to one record; rewrite once the log is mostly history.
    if (recordsInLog > Math.max(64, 4 * subjects.size)) await compact();
  };

  if (needsCompaction) await serialise(compact);

  return {
    get revision() {
      return revision;
    },
    listSubjects() {
      return Promise.resolve(sortedSubjectSummaries(subjects));
    },
    addEmbeddings(subject, owner, embeddings) {
      return serialise(async () => {
        if (embeddings.length === 0) throw new RangeError("addEmbeddings needs at least one embedding");
        await append({ op: "add", subject, ownerId: owner.ownerId, ownerName: owner.ownerName, at: new Date().toISOString(), embeddings: [...embeddings] });
        return subjectSummary(subject, subjects.get(subject)!);
      });
    },
    removeSubject(subject) {
      return serialise(async () => {
        if (!subjects.has(subject)) return false;
        await append({ op: "remove", subject, at: new Date().toISOString() });
        return true;
      });
    },
    allEmbeddings() {
      return Promise.resolve([...subjects].map(([name, state]) => ({ name, embeddings: state.embeddings } as SubjectEmbeddings)));
    },
    close() {
      return serialise(() => Promise.resolve());
    },
  };
}
