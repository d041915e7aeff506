/**
 * Bounded zlib inflation of a PNG's IDAT stream, with the platform's native inflater
 * (`DecompressionStream("deflate")`, in browsers, Deno, Bun and Node ≥ 18).
 * @module
 */
import { ImageDecodeError } from "./image-decode-error.ts";

/**
 * Inflates the concatenated IDAT payloads into a buffer of exactly the size the header implies.
 * Output beyond that size cancels the stream, so a zlib bomb cannot allocate more than the
 * (already pixel-limited) image; the stream has backpressure, so it never runs far ahead.
 * The chunk layer (CRCs, IEND) has already been checked, so any failure here is `"corrupt"`.
 *
 * @param parts IDAT payloads, in order.
 * @param expectedLength Filtered scanline bytes the header implies.
 * @returns The inflated scanlines (filter byte + row bytes per row).
 * @throws {ImageDecodeError} `"corrupt"` for invalid zlib data, too much data or too little.
 */
export async function inflatePngData(parts: ReadonlyArray<Uint8Array>, expectedLength: number): Promise<Uint8Array> {
  const out = new Uint8Array(expectedLength);
  const stream = new DecompressionStream("deflate");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Feed the input while reading; failures surface on the reading side.
  const feeding = (async () => {
    for (const part of parts) await writer.write(part as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch(() => {});
  let written = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (written + value.length > expectedLength) {
        await reader.cancel().catch(() => {});
        throw new ImageDecodeError("corrupt", `PNG image data inflates to more than the ${expectedLength} bytes its header implies`);
      }
      out.set(value, written);
      written += value.length;
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageDecodeError("corrupt", `PNG image data is corrupt (zlib: ${reason})`, { cause: error });
  } finally {
    await feeding;
  }
  if (written < expectedLength) {
    throw new ImageDecodeError("corrupt", `PNG image data is too short: ${written} of the ${expectedLength} bytes its header implies`);
  }
  return out;
}
