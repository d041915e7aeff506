/**
 * Base64 decoding with Python's `base64.b64decode` leniency (what the reference uses for
 * form-urlencoded images): characters outside the alphabet are dropped, so line breaks are fine,
 * but the padding must be correct.
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes standard Base64, ignoring non-alphabet characters.
 *
 * @param text The Base64 text (may contain line breaks or other noise).
 * @returns The decoded bytes.
 * @throws {RangeError} When the padding is incorrect or the data length is impossible.
 * @example
 * ```ts
 * decodeLenientBase64("aGVs\nbG8=\n"); // bytes of "hello"
 * ```
 */
export function decodeLenientBase64(text: string): Uint8Array {
  const values = new Uint8Array(text.length);
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) {
      if (count % 4 !== 0) padding++;
      continue;
    }
    const value = code < 128 ? VALUES[code] as number : -1;
    if (value < 0) continue;
    if (padding > 0) throw new RangeError("Invalid base64: data after padding");
    values[count++] = value;
  }
  const rest = count % 4;
  if (rest === 1) throw new RangeError(`Invalid base64: "${count}" data characters cannot be 1 more than a multiple of 4`);
  if (rest !== 0 && padding < 4 - rest) throw new RangeError("Invalid base64: incorrect padding");
  const out = new Uint8Array(Math.floor(count / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  for (let i = 0; i + 3 < count; i += 4) {
    const n = ((values[i] as number) << 18) | ((values[i + 1] as number) << 12) | ((values[i + 2] as number) << 6) |
      (values[i + 3] as number);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest >= 2) {
    const i = count - rest;
    const n = ((values[i] as number) << 18) | ((values[i + 1] as number) << 12) |
      (rest === 3 ? (values[i + 2] as number) << 6 : 0);
    out[o++] = n >> 16;
    if (rest === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}
