/**
 * Serialises values exactly as Python's `json.dumps` does with default settings, which is the
 * byte format MobiledgeX clients see: `", "` between items, `": "` after keys, non-ASCII escaped
 * as lowercase `\uXXXX`, floats in Python's `repr` form (`0.0`, `1e-05`), no trailing newline.
 * @module
 */

/** Marks a number that Python would print as a float (`1.0`, not `1`). */
export class PyFloat {
  /** @param value The float value. */
  constructor(readonly value: number) {}
}

/** A value that {@link pythonJsonDumps} can serialise. */
export type PyJsonValue =
  | string
  | number
  | boolean
  | null
  | PyFloat
  | PyJsonValue[]
  | { [key: string]: PyJsonValue };

/**
 * Serialises a value like Python's `json.dumps(value)`.
 * Plain JS numbers must be integers (Python ints); wrap floats in {@link PyFloat}.
 *
 * @param value The value to serialise; object keys keep insertion order.
 * @returns The JSON text.
 * @throws {RangeError} When a plain number is not an integer.
 * @example
 * ```ts
 * pythonJsonDumps({ success: "true", rects: [[1, 2, 3, 4]], score: new PyFloat(1) });
 * // '{"success": "true", "rects": [[1, 2, 3, 4]], "score": 1.0}'
 * ```
 */
export function pythonJsonDumps(value: PyJsonValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new RangeError(`Expected an integer, got "${value}"; wrap floats in PyFloat`);
    return String(value);
  }
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
}

/**
 * Formats a float as Python's `repr` does (as used by `json.dumps`).
 *
 * @param x The number.
 * @returns e.g. `"0.0"`, `"81.44993591308594"`, `"1e-05"`, `"NaN"`, `"Infinity"`.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then Python's rule: scientific when exponent < -4 or >= 16.
  const [mantissa = "", expText = "0"] = x.toExponential().split("e");
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = String(x);
  return text.includes(".") ? text : `${text}.0`;
}

function pythonString(s: string): string {
  // JSON.stringify escapes the same ASCII set as Python; Python also escapes every non-ASCII UTF-16 unit.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x7f ? c : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
