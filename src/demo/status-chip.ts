/**
 * The status chips in the page header.
 * @module
 */

/** Chip colour: pending (grey), ok (green), warn (orange), bad (red). */
export type ChipState = "pending" | "ok" | "warn" | "bad";

/**
 * Sets a chip's text and colour.
 *
 * @param id Element id of the chip.
 * @param state Its colour.
 * @param text Its text.
 */
export function setChip(id: string, state: ChipState, text: string): void {
  const chip = document.getElementById(id);
  if (chip === null) return;
  chip.dataset["state"] = state;
  chip.textContent = text;
}
