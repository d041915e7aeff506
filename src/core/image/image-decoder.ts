/**
 * An image-decoder instance: header check, pixel limit, then the JPEG or PNG decoder.
 * @module
 */
import type { DecodedImage } from "./decoded-image.ts";
import { decodeJpegPure } from "./decode-jpeg-pure.ts";
import { decodePng } from "./decode-png.ts";
import { ImageDecodeError } from "./image-decode-error.ts";
import { type JpegHeader, readJpegHeader } from "./jpeg-header.ts";
import { assertDecodableJpeg } from "./jpeg-preflight.ts";
import { createWasmJpegDecoder, type JpegWasmSource } from "./jpeg-wasm-decoder.ts";
import { readPngHeader } from "./png-header.ts";
import { assertWithinPixelLimit, resolveMaxPixels } from "./read-image-header.ts";
import { sniffImageFormat } from "./sniff-format.ts";

/** How to build an image decoder. */
export interface ImageDecoderOptions {
  /**
   * The MozJPEG decoder's WASM (`mozjpeg_dec.wasm` bytes or a compiled module). Without it,
   * JPEGs are decoded by the 2–5× slower pure-JavaScript jpeg-js (which also handles the CMYK
   * JPEGs MozJPEG cannot convert to RGB).
   */
  jpegWasm?: JpegWasmSource;
  /** Refuse images with more pixels than this (default 40 000 000). */
  maxPixels?: number;
}

/** Per-call options. */
export interface DecodeOptions {
  /** Overrides the decoder's pixel limit for this call. */
  maxPixels?: number;
}

/** A decoder instance; it owns its WASM instance, if any. */
export interface ImageDecoder {
  /** Which JPEG decoder this instance uses. */
  readonly jpegDecoder: "wasm" | "pure-js";
  /**
   * Decodes a JPEG or PNG to packed RGB.
   * @throws {ImageDecodeError} For every failure.
   */
  decode(bytes: Uint8Array, options?: DecodeOptions): Promise<DecodedImage>;
}

type JpegDecode = (bytes: Uint8Array, header: JpegHeader) => DecodedImage | Promise<DecodedImage>;

/**
 * Creates a decoder. Pass the MozJPEG WASM for fast JPEG decoding (see `mod.ts` for how each
 * runtime loads it).
 *
 * @param options The JPEG WASM and the pixel limit.
 * @returns A decoder instance.
 * @throws {RangeError} For a pixel limit that is not a positive number.
 * @throws {Error} When the injected WASM cannot be compiled or instantiated.
 *
 * @example
 * ```ts
 * const decoder = await createImageDecoder({ jpegWasm: wasmBytes, maxPixels: 40_000_000 });
 * const { width, height, data } = await decoder.decode(jpegBytes);
 * ```
 */
export async function createImageDecoder(options: ImageDecoderOptions = {}): Promise<ImageDecoder> {
  const maxPixels = resolveMaxPixels(options.maxPixels);
  const limitFor = (call?: DecodeOptions) => (call?.maxPixels === undefined ? maxPixels : resolveMaxPixels(call.maxPixels));
  if (options.jpegWasm === undefined) {
    return { jpegDecoder: "pure-js", decode: async (bytes, call) => decodeWith(bytes, limitFor(call), decodeJpegPure) };
  }
  const wasm = await createWasmJpegDecoder(options.jpegWasm);
  // MozJPEG cannot convert CMYK/YCCK to RGB; jpeg-js can, so 4-component JPEGs go there.
  const jpeg: JpegDecode = (bytes, header) => (header.components === 4 ? decodeJpegPure(bytes, header) : wasm.decode(bytes, header));
  return { jpegDecoder: "wasm", decode: async (bytes, call) => decodeWith(bytes, limitFor(call), jpeg) };
}

/**
 * Sniff → header → pixel limit → decode. Anything a decoder throws that is not already an
 * `ImageDecodeError` becomes a `"corrupt"` one.
 */
export async function decodeWith(bytes: Uint8Array, maxPixels: number, decodeJpeg: JpegDecode): Promise<DecodedImage> {
  try {
    if (sniffImageFormat(bytes) === "png") {
      const header = readPngHeader(bytes);
      assertWithinPixelLimit(header.width, header.height, maxPixels);
      return await decodePng(bytes, header);
    }
    const header = readJpegHeader(bytes);
    assertWithinPixelLimit(header.width, header.height, maxPixels);
    assertDecodableJpeg(bytes, header);
    return await decodeJpeg(bytes, header);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageDecodeError("corrupt", `Image is corrupt (${reason})`, { cause: error });
  }
}
