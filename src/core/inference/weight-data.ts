/**
 * Helpers for rewriting a loaded graph model's weight buffer in place (the input-size rewrites of
 * MoveNet and NanoDet): where each weight sits and how to join the weight shards.
 * @module
 */
import type * as tf from "@tensorflow/tfjs-core";

/**
 * Bytes per element of one weight as stored in the weight files (after quantisation, if any).
 *
 * @param spec The weight's manifest entry.
 * @returns 1, 2, 4 or 8.
 * @throws {TypeError} For a dtype TF.js weight files do not use.
 */
export function storedBytesPerElement(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  if (dtype === "uint8" || dtype === "bool") return 1;
  if (dtype === "uint16" || dtype === "float16") return 2;
  if (dtype === "float32" || dtype === "int32") return 4;
  if (dtype === "complex64") return 8;
  throw new TypeError(`Unsupported weight dtype "${dtype}" in "${spec.name}"`);
}

/**
 * Joins weight shards into one buffer.
 *
 * @param parts The shards in order.
 * @returns A new buffer holding all of them.
 */
export function concatBuffers(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return out.buffer;
}
