/**
 * The one error class every image-decoding failure is reported with.
 * @module
 */

/** Why an image could not be decoded. */
export type ImageDecodeErrorCode = "empty" | "unknown-format" | "truncated" | "corrupt" | "too-large";

/**
 * Thrown for every image that cannot be decoded: no bytes, bytes that are not a JPEG or PNG,
 * a file cut short, damaged data, or dimensions above the pixel limit.
 *
 * @example
 * ```ts
 * import { decodeImage, ImageDecodeError } from "./mod.ts";
 * try {
 *   await decodeImage(new Uint8Array(0));
 * } catch (error) {
 *   if (error instanceof ImageDecodeError) console.log(error.code); // "empty"
 * }
 * ```
 */
export class ImageDecodeError extends Error {
  /** Machine-readable reason. */
  readonly code: ImageDecodeErrorCode;

  /**
   * @param code Machine-readable reason.
   * @param message Sentence-case explanation, values in quotes.
   * @param options The underlying error, if any.
   */
  constructor(code: ImageDecodeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImageDecodeError";
    this.code = code;
  }
}
