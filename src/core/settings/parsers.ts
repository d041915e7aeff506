/**
 * Value parsers for settings rows. Each throws a `RangeError` naming the flag or variable as given.
 * @module
 */

/**
 * Whole numbers from `min` up, written as digits.
 *
 * @param min Smallest accepted value.
 * @returns A parser.
 * @example
 * ```ts
 * integer(1)("4", "--pool-size"); // 4
 * ```
 */
export function integer(min: number): (text: string, name: string) => number {
  return (text, name) => {
    const value = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min) {
      throw new RangeError(`${name} must be an integer ≥ ${min}, got "${text}"`);
    }
    return value;
  };
}

/**
 * Numbers above zero.
 *
 * @param text The value as given.
 * @param name The flag or variable.
 * @returns The number.
 */
export function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got "${text}"`);
  return value;
}

/**
 * Numbers from 0 to 1.
 *
 * @param text The value as given.
 * @param name The flag or variable.
 * @returns The number.
 */
export function fraction(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a number from 0 to 1, got "${text}"`);
  return value;
}

/**
 * One of a fixed list of words.
 *
 * @param choices The accepted values.
 * @returns A parser.
 * @example
 * ```ts
 * oneOf("short", "full")("full", "--face-model"); // "full"
 * ```
 */
export function oneOf<T extends string>(...choices: T[]): (text: string, name: string) => T {
  return (text, name) => {
    if (!(choices as string[]).includes(text)) throw new RangeError(`${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}, got "${text}"`);
    return text as T;
  };
}

/**
 * `on` or `off`.
 *
 * @param text The value as given.
 * @param name The flag or variable.
 * @returns True for `on`.
 */
export function onOff(text: string, name: string): boolean {
  return oneOf("on", "off")(text, name) === "on";
}

/**
 * Any text, unchanged.
 *
 * @param text The value as given.
 * @returns `text`.
 */
export function anyText(text: string): string {
  return text;
}

/**
 * A network input size `HEIGHTxWIDTH`, each a multiple of 32 from 32 to 1024.
 *
 * @param text The value as given.
 * @param name The flag or variable.
 * @returns `[height, width]`.
 * @example
 * ```ts
 * inputSize("320x416", "--objects-input-size"); // [320, 416]
 * ```
 */
export function inputSize(text: string, name: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  const size = match === null ? [] : [Number(match[1]), Number(match[2])];
  if (size.length !== 2 || size.some((v) => v < 32 || v > 1024 || v % 32 !== 0)) {
    throw new RangeError(`${name} must be HEIGHTxWIDTH in multiples of 32 up to 1024, got "${text}"`);
  }
  return size as [number, number];
}

/**
 * A comma-separated list of words from `choices` (e.g. `--runtimes deno,node`).
 *
 * @param choices The accepted words.
 * @returns A settings parser.
 * @example
 * ```ts
 * listOf("deno", "node", "bun")("deno,bun", "--runtimes"); // ["deno", "bun"]
 * ```
 */
export function listOf<T extends string>(...choices: T[]): (text: string, name: string) => T[] {
  const word = oneOf(...choices);
  return (text, name) => text.split(",").map((item) => word(item.trim(), name));
}
