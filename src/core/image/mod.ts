/**
 * Image decoding for EdgeVision: JPEG (baseline, progressive) and PNG (every colour type and
 * bit depth, interlaced) to packed RGB, with the format sniffed from the bytes, a pixel limit
 * checked from the header before decoding, and one typed error (`ImageDecodeError`) for every
 * failure. Runtime-agnostic: no Node, Deno, Bun or DOM imports.
 *
 * ## Fast JPEG decoding: inject the MozJPEG WASM
 *
 * `decodeImage(bytes)` works with no set-up (pure-JS jpeg-js for JPEG). For the 2–5× faster
 * WASM path, create a decoder once per worker with the bytes of
 * `node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm` (`JPEG_WASM_PATH`) and keep it:
 *
 * ```ts
 * // Node (tsx), from src/runtime/node/*.ts
 * import { readFile } from "node:fs/promises";
 * const jpegWasm = await readFile(new URL("../../../node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm", import.meta.url));
 * // Deno, from src/runtime/deno/*.ts
 * const jpegWasm = await Deno.readFile(new URL("../../../node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm", import.meta.url));
 * // Bun, from src/runtime/bun/*.ts
 * const jpegWasm = await Bun.file(new URL("../../../node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm", import.meta.url)).bytes();
 * // Browser: serve the .wasm next to the bundle
 * const jpegWasm = await WebAssembly.compileStreaming(fetch(new URL("mozjpeg_dec.wasm", import.meta.url)));
 *
 * // then, everywhere:
 * import { createImageDecoder, decodeImage } from "../../core/image/mod.ts";
 * const decoder = await createImageDecoder({ jpegWasm, maxPixels: 40_000_000 });
 * const image = await decoder.decode(bytes);            // or: decodeImage(bytes, { decoder })
 * ```
 * @module
 */
export type { DecodedImage } from "./decoded-image.ts";
export { decodeImage, type DecodeImageOptions } from "./decode-image.ts";
export { ImageDecodeError, type ImageDecodeErrorCode } from "./image-decode-error.ts";
export { createImageDecoder, type DecodeOptions, type ImageDecoder, type ImageDecoderOptions } from "./image-decoder.ts";
export { JPEG_WASM_PATH, type JpegWasmSource } from "./jpeg-wasm-decoder.ts";
export { DEFAULT_MAX_PIXELS, type ImageHeader, readImageHeader } from "./read-image-header.ts";
export type { ImageFormat } from "./sniff-format.ts";
