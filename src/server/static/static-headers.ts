/**
 * Response headers of the static assets. COOP `same-origin` + COEP `require-corp` make the page
 * cross-origin isolated, which is what gives it SharedArrayBuffer and so the threaded WASM build.
 * @module
 */

/** Headers every static response carries. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  wasm: "application/wasm",
  svg: "image/svg+xml",
  bin: "application/octet-stream",
  txt: "text/plain; charset=utf-8",
};

/**
 * The media type of a file by its extension.
 *
 * @param path A file path or URL path.
 * @returns The Content-Type to send (`application/octet-stream` when unknown).
 * @example
 * ```ts
 * contentTypeOf("static/wasm/tfjs-backend-wasm-simd.wasm"); // "application/wasm"
 * ```
 */
export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return CONTENT_TYPES[dot < 0 ? "" : path.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}
