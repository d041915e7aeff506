/**
 * How the Redis gallery lays out its data, and the two Lua scripts that change it. Each change runs
 * as one script, so the write, the revision increment and the change notice are atomic, and
 * notices are published in revision order.
 *
 * Keys under a prefix P (default `edgevision:gallery:`):
 * - `P subjects`: hash, subject name → JSON `{ownerId, ownerName, updatedAt}`;
 * - `P embeddings:<name>`: list of Base64 little-endian float32 embeddings, oldest first;
 * - `P revision`: integer, incremented by every change;
 * - channel `P changes`: JSON `{"revision": n, "subject": name}` after every change.
 * @module
 */

/**
 * Environment variables the Redis client (node-redis) reads when it loads, whatever the gallery
 * setting; Deno must be allowed to read them or the client's first command fails.
 */
export const REDIS_CLIENT_ENV_VARS: readonly string[] = ["REDIS_DEBUG_MAINTENANCE", "REDIS_EMIT_DIAGNOSTICS"];

/** Key names under one prefix. */
export interface GalleryKeys {
  subjects: string;
  revision: string;
  channel: string;
  embeddings(subject: string): string;
}

/** Default key prefix. */
export const DEFAULT_GALLERY_KEY_PREFIX = "edgevision:gallery:";

/**
 * The key names under `prefix`.
 *
 * @param prefix Key prefix, e.g. `edgevision:gallery:`.
 * @returns The keys.
 */
export function galleryKeys(prefix: string): GalleryKeys {
  return {
    subjects: `${prefix}subjects`,
    revision: `${prefix}revision`,
    channel: `${prefix}changes`,
    embeddings: (subject) => `${prefix}embeddings:${subject}`,
  };
}

/** Stored per subject besides its embeddings. */
export interface SubjectMeta {
  ownerId: string;
  ownerName: string;
  updatedAt: string;
}

/** One change notice. */
export interface ChangeNotice {
  revision: number;
  subject: string;
}

/**
 * KEYS: subjects hash, embeddings list, revision. ARGV: subject, meta JSON, max kept, channel,
 * embeddings…. Returns the new revision and the subject's embeddings as stored now (so the writer's
 * copy is exact even when another server added to the same subject a moment before).
 */
export const ADD_EMBEDDINGS_SCRIPT = `
redis.call('RPUSH', KEYS[2], unpack(ARGV, 5))
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local revision = redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[4], cjson.encode({revision = revision, subject = ARGV[1]}))
return {revision, redis.call('LRANGE', KEYS[2], 0, -1)}
`;

/**
 * KEYS: subjects hash, embeddings list, revision. ARGV: subject, channel. Returns 0 when the
 * subject did not exist, else the new revision.
 */
export const REMOVE_SUBJECT_SCRIPT = `
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('DEL', KEYS[2])
local revision = redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[2], cjson.encode({revision = revision, subject = ARGV[1]}))
return revision
`;

/**
 * Parses a change notice.
 *
 * @param text The published message.
 * @returns The notice, or `undefined` when it is not one.
 */
export function parseChangeNotice(text: string): ChangeNotice | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (Number.isInteger(value.revision) && typeof value.subject === "string") {
      return { revision: value.revision as number, subject: value.subject };
    }
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

/**
 * Parses a subject's stored meta.
 *
 * @param text The hash value.
 * @returns The meta, with empty strings for missing fields.
 */
export function parseSubjectMeta(text: string): SubjectMeta {
  let value: Record<string, unknown> = {};
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A damaged entry still names a subject; its fields read as empty.
  }
  return { ownerId: String(value.ownerId ?? ""), ownerName: String(value.ownerName ?? ""), updatedAt: String(value.updatedAt ?? "") };
}
