/**
 * A {@link GalleryStore} shared by several servers through Redis. Each server keeps the whole
 * gallery in memory (recognition never waits for Redis) and follows changes made anywhere:
 * every change publishes a notice (see redis-gallery-layout.ts) that makes the others re-read
 * that subject; a missed notice (a revision gap, or a revision poll that finds Redis ahead) and
 * every (re)connection trigger a full reload. While Redis is unreachable, changes fail at once
 * with {@link GalleryUnavailableError} and reads answer from the last copy.
 * @module
 */
import { createClient } from "@redis/client";
import { type GalleryHealth, type GalleryStore, type SubjectEmbeddings, type SubjectOwner, type SubjectSummary, sortedSubjectSummaries, subjectSummary } from "./gallery-store.ts";
import { base64ToFloat32, float32ToBase64 } from "./gallery-log.ts";
import { galleryRecordProblem } from "./gallery-record-check.ts";
import { GalleryUnavailableError } from "./gallery-unavailable-error.ts";
import {
  ADD_EMBEDDINGS_SCRIPT,
  DEFAULT_GALLERY_KEY_PREFIX,
  galleryKeys,
  parseChangeNotice,
  parseSubjectMeta,
  REMOVE_SUBJECT_SCRIPT,
  type SubjectMeta,
} from "./redis-gallery-layout.ts";

/** Options of {@link openRedisGalleryStore}. */
export interface RedisGalleryStoreOptions {
  /** `redis://[user:password@]host:port/db` or `rediss://…` (TLS). */
  url: string;
  /** Key prefix, so several galleries can share one database. Default `edgevision:gallery:`. */
  keyPrefix?: string;
  /** Newest embeddings kept per subject. Default 20, as the embedded store. */
  maxEmbeddingsPerSubject?: number;
  /** Values per embedding (128 for the server's dlib ResNet); other embeddings are refused, and skipped when read. */
  embeddingLength?: number;
  /** How long start-up waits for the first load before going on unloaded. Default 5000 ms. */
  connectWaitMs?: number;
  /** Longest a command may take before it counts as failed. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** How often the revision is compared with Redis's to catch missed notices. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Receives connection-state notes (once per outage, not per retry). */
  log?: (message: string) => void;
}

interface SubjectState extends SubjectMeta {
  embeddings: Float32Array[];
}

/**
 * Describes a Redis URL without its credentials.
 *
 * @param url The URL.
 * @returns E.g. `redis 127.0.0.1:6379/0`.
 */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol.replace(/:$/, "")} ${parsed.hostname}:${parsed.port || "6379"}/${parsed.pathname.replace(/^\//, "") || "0"}`;
}

/**
 * Connects to Redis and loads the gallery. When Redis does not answer within `connectWaitMs`,
 * the store is returned anyway, empty and not yet loaded ({@link GalleryStore.health}); it keeps
 * reconnecting and loads as soon as Redis answers.
 *
 * @param options URL, prefix and timings.
 * @returns The store.
 * @example
 * ```ts
 * const gallery = await openRedisGalleryStore({ url: "redis://127.0.0.1:6379/0" });
 * await gallery.addEmbeddings("Ada", { ownerId: "", ownerName: "" }, [embedding]);
 * ```
 */
export async function openRedisGalleryStore(options: RedisGalleryStoreOptions): Promise<GalleryStore> {
  const maxPerSubject = options.maxEmbeddingsPerSubject ?? 20;
  if (!Number.isInteger(maxPerSubject) || maxPerSubject < 1) {
    throw new RangeError(`maxEmbeddingsPerSubject must be a positive integer, got "${maxPerSubject}"`);
  }
  const backend = describeRedisUrl(options.url);
  const log = options.log ?? ((message: string) => console.error(message));
  const keys = galleryKeys(options.keyPrefix ?? DEFAULT_GALLERY_KEY_PREFIX);
  const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) };
  // Commands fail at once while disconnected (no offline queue), and after a timeout when Redis hangs.
  const client = createClient({ url: options.url, socket, disableOfflineQueue: true, pingInterval: 1000, commandOptions: { timeout: options.commandTimeoutMs ?? 2000 } });
  // The subscriber keeps its offline queue: node-redis re-subscribes it after every reconnect.
  const subscriber = client.duplicate({ disableOfflineQueue: false, commandOptions: {} });

  const subjects = new Map<string, SubjectState>();
  let revision = 0;
  let seenRevision = 0;
  let loaded = false;
  let closed = false;
  let outageLogged = false;
  let needFullReload = true;
  const pendingSubjects = new Set<string>();
  let syncing: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const onError = (error: Error) => {
    if (outageLogged || closed) return;
    outageLogged = true;
    log(`Gallery: Redis at "${backend}" is unreachable (${error.message}); enrolment is refused, recognition uses the last loaded gallery`);
  };
  client.on("error", onError);
  subscriber.on("error", onError);
  subscriber.on("ready", () => {
    if (outageLogged) log(`Gallery: Redis at "${backend}" is back; reloading the gallery`);
    outageLogged = false;
    needFullReload = true;
    sync();
  });

  const rules = { embeddingLength: options.embeddingLength };
  /** Decodes a subject's stored embeddings, skipping (and reporting) any that cannot be used. */
  const usableEmbeddings = (name: string, texts: string[]): Float32Array[] => {
    const usable: Float32Array[] = [];
    const problems: string[] = [];
    for (const text of texts) {
      let embedding: Float32Array;
      try {
        embedding = base64ToFloat32(text);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      const problem = galleryRecordProblem({ op: "add", subject: name, ownerId: "", ownerName: "", at: "", embeddings: [embedding] }, rules);
      if (problem === undefined) usable.push(embedding);
      else problems.push(problem.replace(/^embedding 1 /, "an embedding "));
    }
    if (problems.length > 0) log(`Gallery: skipped ${problems.length} invalid embedding(s) of "${name}" in Redis (${problems[0]})`);
    return usable;
  };

  const readSubject = async (name: string): Promise<SubjectState | undefined> => {
    const [meta, texts] = await client.multi().hGet(keys.subjects, name).lRange(keys.embeddings(name), 0, -1).exec() as unknown as [string | null, string[]];
    const embeddings = meta === null ? [] : usableEmbeddings(name, texts);
    if (meta === null || embeddings.length === 0) return undefined;
    return { ...parseSubjectMeta(meta), embeddings };
  };

  const fullReload = async (): Promise<void> => {
    pendingSubjects.clear();
    const [current, all] = await client.multi().get(keys.revision).hGetAll(keys.subjects).exec() as unknown as [string | null, Record<string, string>];
    const names = Object.keys(all);
    const batch = client.multi();
    for (const name of names) batch.addCommand(["LRANGE", keys.embeddings(name), "0", "-1"]);
    const lists = names.length === 0 ? [] : await batch.exec() as unknown as string[][];
    subjects.clear();
    names.forEach((name, i) => {
      const embeddings = usableEmbeddings(name, lists[i] ?? []);
      if (embeddings.length > 0) subjects.set(name, { ...parseSubjectMeta(all[name]!), embeddings });
    });
    seenRevision = Math.max(seenRevision, Number(current ?? 0));
    revision++;
    loaded = true;
  };

  /** Applies what is pending (a full reload, then single subjects), one pass at a time; retries while Redis is away. */
  const sync = (): void => {
    if (syncing !== undefined || closed) return;
    syncing = (async () => {
      try {
        while (!closed && (needFullReload || pendingSubjects.size > 0)) {
          if (needFullReload) {
            needFullReload = false;
            await fullReload().catch((error) => {
              needFullReload = true;
              throw error;
            });
            continue;
          }
          const [name] = pendingSubjects;
          pendingSubjects.delete(name!);
          const state = await readSubject(name!).catch((error) => {
            pendingSubjects.add(name!);
            throw error;
          });
          if (state === undefined) subjects.delete(name!);
          else subjects.set(name!, state);
          revision++;
        }
      } catch {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(sync, 500);
      } finally {
        syncing = undefined;
      }
    })();
  };

  // Neither waits: with Redis down both keep retrying in the background.
  subscriber.connect().catch(() => undefined);
  subscriber.subscribe(keys.channel, (message) => {
    const notice = parseChangeNotice(message);
    if (notice === undefined || notice.revision <= seenRevision) return;
    if (notice.revision === seenRevision + 1) pendingSubjects.add(notice.subject);
    else needFullReload = true;
    seenRevision = notice.revision;
    sync();
  }).catch(() => undefined);
  client.connect().catch(() => undefined);

  const pollTimer = setInterval(() => {
    if (!client.isReady) return;
    client.get(keys.revision).then((current) => {
      if (Number(current ?? 0) > seenRevision) {
        needFullReload = true;
        sync();
      }
    }, () => undefined);
  }, options.pollIntervalMs ?? 2000);

  const deadline = Date.now() + (options.connectWaitMs ?? 5000);
  while (!loaded && Date.now() < deadline) {
    sync();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!loaded) log(`Gallery: Redis at "${backend}" did not answer at start-up; not ready until the gallery is loaded`);

  /** Runs a change, turning connection failures into {@link GalleryUnavailableError}. */
  const change = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new GalleryUnavailableError("The gallery is closed");
    if (!client.isReady) throw unavailable();
    try {
      return await work();
    } catch (error) {
      if (client.isReady && (error as Error)?.name === "ErrorReply") throw error;
      throw unavailable(error);
    }
  };
  const unavailable = (cause?: unknown) =>
    new GalleryUnavailableError(
      `The face gallery (${backend}) is unreachable: enrolment and removal are refused until it is back; recognition answers from the last loaded gallery`,
      { cause },
    );

  return {
    get revision() {
      return revision;
    },
    listSubjects() {
      return Promise.resolve(sortedSubjectSummaries(subjects));
    },
    addEmbeddings(subject: string, owner: SubjectOwner, embeddings: readonly Float32Array[]) {
      if (embeddings.length === 0) return Promise.reject(new RangeError("addEmbeddings needs at least one embedding"));
      const meta: SubjectMeta = { ownerId: owner.ownerId, ownerName: owner.ownerName, updatedAt: new Date().toISOString() };
      const problem = galleryRecordProblem({ op: "add", subject, ...owner, at: meta.updatedAt, embeddings: [...embeddings] }, rules);
      if (problem !== undefined) return Promise.reject(new RangeError(`Refused to store embeddings for "${subject}": ${problem}`));
      return change(async () => {
        const [, stored] = await client.eval(ADD_EMBEDDINGS_SCRIPT, {
          keys: [keys.subjects, keys.embeddings(subject), keys.revision],
          arguments: [subject, JSON.stringify(meta), String(maxPerSubject), keys.channel, ...embeddings.map(float32ToBase64)],
        }) as unknown as [number, string[]];
        // Visible here at once, exactly as stored; the change notice makes the other servers re-read it.
        const state: SubjectState = { ...meta, embeddings: usableEmbeddings(subject, stored) };
        subjects.set(subject, state);
        revision++;
        return subjectSummary(subject, state);
      });
    },
    removeSubject(subject: string) {
      return change(async () => {
        const result = await client.eval(REMOVE_SUBJECT_SCRIPT, {
          keys: [keys.subjects, keys.embeddings(subject), keys.revision],
          arguments: [subject, keys.channel],
        });
        const existed = subjects.delete(subject) || Number(result) > 0;
        if (existed) revision++;
        return Number(result) > 0;
      });
    },
    allEmbeddings() {
      return Promise.resolve([...subjects].map(([name, state]) => ({ name, embeddings: state.embeddings } as SubjectEmbeddings)));
    },
    health(): GalleryHealth {
      return { reachable: client.isReady, loaded, backend };
    },
    async close() {
      closed = true;
      clearInterval(pollTimer);
      clearTimeout(retryTimer);
      await syncing?.catch(() => undefined);
      for (const connection of [subscriber, client]) {
        if (connection.isReady) await connection.close().catch(() => connection.destroy());
        else if (connection.isOpen) connection.destroy();
      }
    },
  };
}
