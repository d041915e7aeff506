/**
 * The embedded gallery's on-disk format: an append-only log of JSON lines, each prefixed with its
 * CRC-32 (`"<8 hex digits> <json>\n"`). A line cut short by a crash has no newline or a wrong
 * checksum and is ignored, so a torn tail never corrupts what was written before it.
 * @module
 */
import { crc32 } from "../../core/checksum/crc32.ts";
import { galleryRecordProblem, type GalleryRecordRules } from "./gallery-record-check.ts";
import type { SubjectOwner } from "./gallery-store.ts";

/** Current record version. */
export const GALLERY_LOG_VERSION = 1;

/** Embeddings added to a subject. */
export interface AddRecord extends SubjectOwner {
  op: "add";
  subject: string;
  /** ISO-8601. */
  at: string;
  embeddings: Float32Array[];
}

/** A subject removed. */
export interface RemoveRecord {
  op: "remove";
  subject: string;
  at: string;
}

/** One log entry. */
export type GalleryRecord = AddRecord | RemoveRecord;

/** What {@link parseGalleryLog} found. */
export interface ParsedGalleryLog {
  records: GalleryRecord[];
  /** Byte length of the complete lines; anything after it is a torn tail to cut off. */
  validLength: number;
  /** Complete lines whose checksum or content was wrong (skipped). */
  damagedLines: number;
  /** Checksum-valid records that break the rules (skipped): "line 3: embedding 1 has 127 values, 128 expected". */
  invalidRecords: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encodes one record as a checksummed line.
 *
 * @param record The record.
 * @returns UTF-8 bytes ending with "\n".
 */
export function encodeGalleryRecord(record: GalleryRecord): Uint8Array {
  const json = JSON.stringify(
    record.op === "add"
      ? { v: GALLERY_LOG_VERSION, op: "add", subject: record.subject, ownerId: record.ownerId, ownerName: record.ownerName, at: record.at, embeddings: record.embeddings.map(float32ToBase64) }
      : { v: GALLERY_LOG_VERSION, op: "remove", subject: record.subject, at: record.at },
  );
  const body = encoder.encode(json);
  return encoder.encode(`${crc32(body).toString(16).padStart(8, "0")} ${json}\n`);
}

/**
 * Parses a whole log.
 *
 * @param bytes The file content.
 * @param rules What a usable record looks like (the embedding length).
 * @returns The intact, valid records in order, where the intact part ends, how many lines were
 * damaged, and why the invalid records were skipped.
 */
export function parseGalleryLog(bytes: Uint8Array, rules: GalleryRecordRules = {}): ParsedGalleryLog {
  const records: GalleryRecord[] = [];
  const invalidRecords: string[] = [];
  let damagedLines = 0;
  let start = 0;
  for (let lineNumber = 1; start < bytes.length; lineNumber++) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    const record = parseLine(bytes.subarray(start, end));
    const problem = record === undefined ? undefined : galleryRecordProblem(record, rules);
    if (record === undefined) damagedLines++;
    else if (problem !== undefined) invalidRecords.push(`line ${lineNumber}: ${problem}`);
    else records.push(record);
    start = end + 1;
  }
  return { records, validLength: start, damagedLines, invalidRecords };
}

function parseLine(line: Uint8Array): GalleryRecord | undefined {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const expected = Number.parseInt(decoder.decode(line.subarray(0, 8)), 16);
  const body = line.subarray(9);
  if (!Number.isInteger(expected) || crc32(body) !== expected) return undefined;
  try {
    const value = JSON.parse(decoder.decode(body)) as Record<string, unknown>;
    if (value.v !== GALLERY_LOG_VERSION || typeof value.subject !== "string" || typeof value.at !== "string") return undefined;
    if (value.op === "remove") return { op: "remove", subject: value.subject, at: value.at };
    if (value.op !== "add" || !Array.isArray(value.embeddings)) return undefined;
    return {
      op: "add",
      subject: value.subject,
      ownerId: String(value.ownerId ?? ""),
      ownerName: String(value.ownerName ?? ""),
      at: value.at,
      embeddings: value.embeddings.map((text) => base64ToFloat32(String(text))),
    };
  } catch {
    return undefined;
  }
}

/**
 * Little-endian float32 bytes as standard Base64 (exact, and ~4× smaller than decimal JSON).
 *
 * @param vector The embedding.
 * @returns Base64 text.
 */
export function float32ToBase64(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i]!, true);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/**
 * The inverse of {@link float32ToBase64}.
 *
 * @param text Base64 of little-endian float32 bytes.
 * @returns The embedding.
 * @throws {RangeError} When the byte length is not a multiple of 4.
 */
export function base64ToFloat32(text: string): Float32Array {
  const binary = atob(text);
  if (binary.length % 4 !== 0) throw new RangeError("Embedding byte length must be a multiple of 4");
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
