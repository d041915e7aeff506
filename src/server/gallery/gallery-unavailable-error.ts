/**
 * The error a shared gallery throws when its backend cannot be reached, so that routes can answer
 * 503 with the reason instead of a generic 500.
 * @module
 */

/** Seconds a client is asked to wait after the gallery was unreachable. */
export const GALLERY_RETRY_AFTER_SECONDS = 5;

/** A change to the gallery was refused because its backend is unreachable. */
export class GalleryUnavailableError extends Error {
  /**
   * @param message What is unreachable and what still works.
   * @param options The underlying error.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GalleryUnavailableError";
  }
}
