/**
 * Bounded zlib inflation of a PNG's IDAT stream.
 * @module
 */
import { Unzlib } from "fflate";
import { ImageDecodeError } from "./image-decode-error.ts";

/** Input is fed in slices this big, so one step can inflate to at most ~1032× it (~8 MB). */
const INPUT_SLICE = 8192;

/**
 * Inflates the concatenated IDAT payloads into a buffer of exactly the size the header implies.
 * Output beyond that size aborts the decode, so a zlib bomb cannot allocate more than the
 * (already pixel-limited) image; output short of it means the data was cut.
 *
 * @param parts IDAT payloads, in order.
 * @param expectedLength Filtered scanline bytes the header implies.
 * @returns The inflated scanlines (filter byte + row bytes per row).
 * @throws {ImageDecodeError} `"corrupt"` for invalid zlib data or too much data, `"truncated"`
 * for too little.
 */
export function inflatePngData(parts: ReadonlyArray<Uint8Array>, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  let written = 0;
  let finished = false;
  const inflater = new Unzlib((chunk, final) => {
    if (written + chunk.length > expectedLength) {
      throw new ImageDecodeError("corrupt", `PNG image data inflates to more than the ${expectedLength} bytes its header implies`);
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      const last = p === parts.length - 1;
      if (part.length === 0 && last) inflater.push(part, true);
      for (let i = 0; i < part.length; i += INPUT_SLICE) {
        const end = Math.min(i + INPUT_SLICE, part.length);
        inflater.push(part.subarray(i, end), last && end === part.length);
      }
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const code = /unexpected EOF/i.test(reason) ? "truncated" : "corrupt";
    throw new ImageDecodeError(code, `PNG image data is ${code === "truncated" ? "truncated" : "corrupt"} (zlib: ${reason})`, { cause: error });
  }
  if (!finished) {
    throw new ImageDecodeError("truncated", `PNG image data is truncated: the zlib stream ends after ${written} of ${expectedLength} bytes`);
  }
  if (written < expectedLength) {
    throw new ImageDecodeError("corrupt", `PNG image data is too short: ${written} of the ${expectedLength} bytes its header implies`);
  }
  return out;
}
