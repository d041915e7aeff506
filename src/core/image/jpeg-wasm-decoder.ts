/**
 * The WebAssembly JPEG path: MozJPEG (libjpeg-turbo based) as built by @jsquash/jpeg.
 * Each decoder owns its own Emscripten module instance; nothing is shared between instances.
 * @module
 */
import createMozJpegModule from "@jsquash/jpeg/codec/dec/mozjpeg_dec.js";
import type { DecodedImage } from "./decoded-image.ts";
import { ImageDecodeError } from "./image-decode-error.ts";
import type { JpegHeader } from "./jpeg-header.ts";
import { rgbaToRgb } from "./rgba-to-rgb.ts";

/** The compiled decoder, or its `.wasm` bytes (`mozjpeg_dec.wasm` from @jsquash/jpeg). */
export type JpegWasmSource = WebAssembly.Module | Uint8Array | ArrayBuffer;

/** Path of the decoder's `.wasm`, relative to the project root (copy it next to a browser bundle). */
export const JPEG_WASM_PATH = "node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";

/**
 * WASM memory only grows. After an image leaves the instance above this size, the instance is
 * replaced so a worker does not keep that memory for good. 128 MiB: images within the server's
 * default pixel limit (2048×2048) never trigger it — replacing the instance after each of them
 * left a discarded heap per image for the garbage collector (measured: Bun 1.83× its idle RSS
 * under 16 such images, 1.44× when the grown heap is kept and reused).
 */
const RECYCLE_ABOVE_BYTES = 128 * 1024 * 1024;

/** A decoder bound to one WASM instance at a time. */
export interface WasmJpegDecoder {
  /** Decodes a JPEG whose header has been read and checked against the pixel limit. */
  decode(bytes: Uint8Array, header: JpegHeader): Promise<DecodedImage>;
}

interface MozJpegModule {
  decode(data: Uint8Array, preserveOrientation: boolean): { width: number; height: number; data: Uint8ClampedArray } | null;
  HEAPU8?: Uint8Array;
}

/**
 * The Emscripten glue builds its result with `new ImageData(...)`. Browsers, Deno and Bun
 * have one; Node 20 does not (the glue installs a stand-in there itself, but only when it
 * detects Node), so make sure a minimal one exists. Idempotent; a real ImageData is never replaced.
 */
function ensureImageDataGlobal(): void {
  const scope = globalThis as { ImageData?: unknown };
  if (typeof scope.ImageData === "undefined") {
    scope.ImageData = class ImageData {
      constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
    };
  }
}

/** libjpeg's warnings and errors for the decode in progress (it prints them to stderr). */
type MessageSink = { messages: string[] };

function instantiate(compiled: WebAssembly.Module, sink: MessageSink): Promise<MozJpegModule> {
  return new Promise((resolve, reject) => {
    const options = {
      noInitialRun: true,
      print: (text: string) => sink.messages.push(text),
      printErr: (text: string) => sink.messages.push(text),
      instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
        // A failed instantiation must reject, not leave the factory's promise pending forever.
        WebAssembly.instantiate(compiled, imports).then(receive, reject);
        return {};
      },
    };
    (createMozJpegModule(options as never) as unknown as Promise<MozJpegModule>).then(resolve, reject);
  });
}

/**
 * Instantiates the MozJPEG decoder from injected WASM.
 *
 * libjpeg reports a fatal error by calling `exit()`, which unwinds without freeing its
 * buffers; after any failed decode the instance is therefore replaced by a fresh one (from the
 * already compiled module, ~1 ms), so hostile input cannot leak WASM memory.
 *
 * @param source The compiled module or the bytes of `mozjpeg_dec.wasm`.
 * @returns A decoder with its own WASM memory.
 * @throws {Error} When the WASM cannot be compiled or instantiated.
 */
export async function createWasmJpegDecoder(source: JpegWasmSource): Promise<WasmJpegDecoder> {
  ensureImageDataGlobal();
  const compiled = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source as BufferSource);
  const sink: MessageSink = { messages: [] };
  let current = instantiate(compiled, sink);
  await current;
  return {
    async decode(bytes, header) {
      const module = await current;
      sink.messages.length = 0;
      let result: ReturnType<MozJpegModule["decode"]> = null;
      let failure: unknown;
      try {
        result = module.decode(bytes, false);
      } catch (error) {
        failure = error;
      }
      if (failure !== undefined || (module.HEAPU8?.byteLength ?? 0) > RECYCLE_ABOVE_BYTES) {
        current = instantiate(compiled, sink);
      }
      const warnings = sink.messages.join("; ");
      if (/premature end of JPEG file/i.test(warnings)) {
        throw new ImageDecodeError("truncated", `JPEG is truncated (${warnings})`);
      }
      if (failure !== undefined || !result) {
        throw new ImageDecodeError("corrupt", `JPEG is corrupt (${warnings || describe(failure)})`, { cause: failure });
      }
      if (result.width !== header.width || result.height !== header.height) {
        throw new ImageDecodeError("corrupt", `JPEG decoded to ${result.width}x${result.height}, not the ${header.width}x${header.height} its header declares`);
      }
      return { width: result.width, height: result.height, data: rgbaToRgb(result.data) };
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? "the decoder rejected it" : String((error as { message?: unknown }).message ?? error);
}

