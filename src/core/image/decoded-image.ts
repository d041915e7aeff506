/**
 * The decoded-image shape that flows from decoding into every task.
 * @module
 */

/**
 * A decoded image: packed RGB, 3 bytes per pixel, row-major, top-left origin.
 * `data.length === width * height * 3`. Alpha is dropped (not composited): a transparent
 * pixel keeps its stored colour.
 */
export interface DecodedImage {
  width: number;
  height: number;
  data: Uint8Array;
}
