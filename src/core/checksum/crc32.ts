/**
 * CRC-32 (ISO 3309 / IEEE 802.3, the zlib polynomial): PNG chunk checksums and the gallery log's
 * line checksums.
 * @module
 */

/** Immutable lookup table, computed once when the module loads. */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `bytes[start..end)`.
 *
 * @param bytes The data.
 * @param start First byte (default 0).
 * @param end One past the last byte (default: the end).
 * @returns The unsigned CRC.
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
