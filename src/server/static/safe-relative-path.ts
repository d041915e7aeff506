/**
 * Turns the rest of a URL path into a file path below a served directory, refusing anything
 * that could leave it.
 * @module
 */

/**
 * Validates a URL sub-path (`"face-detection/blazeface-front.json"`).
 *
 * @param urlSubPath The part of the URL path after the route's prefix, still percent-encoded.
 * @returns The decoded relative path, or `undefined` when it is empty, malformed, or has
 *   `..`, `.`-prefixed, empty or backslash segments.
 * @example
 * ```ts
 * safeRelativePath("wasm/tfjs-backend-wasm-simd.wasm"); // "wasm/tfjs-backend-wasm-simd.wasm"
 * safeRelativePath("..%2f..%2fetc/passwd"); // undefined
 * ```
 */
export function safeRelativePath(urlSubPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlSubPath);
  } catch {
    return undefined;
  }
  if (decoded.length === 0 || decoded.length > 512 || decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/");
  if (segments.some((s) => s.length === 0 || s.startsWith("."))) return undefined;
  return decoded;
}
