/**
 * The gallery of enrolled faces, behind an interface so the embedded file store can be replaced by a
 * shared one (e.g. Redis or SQL) when several servers must see the same gallery.
 * @module
 */

/** Who enrolled a subject (the FaceTrainingServer's `owner_id` / `owner_name` form fields). */
export interface SubjectOwner {
  ownerId: string;
  ownerName: string;
}

/** What listing a subject shows. */
export interface SubjectSummary extends SubjectOwner {
  name: string;
  embeddingCount: number;
  /** ISO-8601 time of the last change. */
  updatedAt: string;
}

/** What every store keeps per subject in memory (the part a summary is made of). */
export interface SubjectRecord extends SubjectOwner {
  embeddings: readonly unknown[];
  updatedAt: string;
}

/**
 * The summary of one in-memory subject, as `listSubjects` and removals report it.
 *
 * @param name The subject's name.
 * @param state Its owner, embeddings and last change.
 * @returns A new summary object.
 */
export function subjectSummary(name: string, state: SubjectRecord): SubjectSummary {
  return { name, ownerId: state.ownerId, ownerName: state.ownerName, embeddingCount: state.embeddings.length, updatedAt: state.updatedAt };
}

/**
 * Summaries of every subject, sorted by name (code-unit order).
 *
 * @param subjects The store's in-memory subjects by name.
 * @returns A new array.
 */
export function sortedSubjectSummaries(subjects: ReadonlyMap<string, SubjectRecord>): SubjectSummary[] {
  return [...subjects].map(([name, state]) => subjectSummary(name, state)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One subject's embeddings, for matching. */
export interface SubjectEmbeddings {
  name: string;
  embeddings: readonly Float32Array[];
}

/** A persistent set of subjects, each with several embeddings. */
export interface GalleryStore {
  /** Increases on every change this instance makes or sees, so callers can cache derived indexes. */
  readonly revision: number;
  /** All subjects, sorted by name. */
  listSubjects(): Promise<SubjectSummary[]>;
  /**
   * Adds embeddings to `subject` (creating it), durably. The owner fields replace the stored ones.
   * Only the newest `maxEmbeddingsPerSubject` embeddings of a subject are kept.
   * @returns The subject after the change.
   */
  addEmbeddings(subject: string, owner: SubjectOwner, embeddings: readonly Float32Array[]): Promise<SubjectSummary>;
  /**
   * Removes a subject durably.
   * @returns Whether it existed.
   */
  removeSubject(subject: string): Promise<boolean>;
  /** Every subject with its embeddings. */
  allEmbeddings(): Promise<SubjectEmbeddings[]>;
  /** Flushes and releases the store. */
  close(): Promise<void>;
  /**
   * Whether a shared store's backend answers right now. Optional: the embedded store has no
   * backend to lose and omits it (callers treat a missing method as always reachable).
   */
  health?(): GalleryHealth;
}

/** What {@link GalleryStore.health} reports. */
export interface GalleryHealth {
  /** The backend answers commands right now. */
  reachable: boolean;
  /** A full copy of the gallery has been loaded at least once (recognition can answer from it). */
  loaded: boolean;
  /** A short description of the backend (no credentials), e.g. `redis 127.0.0.1:6379/0`. */
  backend: string;
}
