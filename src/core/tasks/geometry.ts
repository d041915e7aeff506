/**
 * The pixel geometry every task reports in.
 * @module
 */

/** `[left, top, right, bottom]` in integer pixels of the image as sent. */
export type Rect = [number, number, number, number];

/** A point `[x, y]` in pixels of the image as sent. */
export type Point = [number, number];
