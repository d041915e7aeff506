// Test helper: the MozJPEG WASM bytes, read the way a runtime entry point would (node:fs works
// under Node, Deno and Bun).
import { readFileSync } from "node:fs";

export const FIXTURES = new URL("../fixtures/", import.meta.url);

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

export function readJpegWasm(): Uint8Array {
  return new Uint8Array(readFileSync(new URL("../../node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm", import.meta.url)));
}
