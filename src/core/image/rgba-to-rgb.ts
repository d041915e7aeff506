/**
 * RGBA → packed RGB, the last step of the WASM JPEG path.
 * @module
 */

/** Typed arrays use the platform's byte order; every target of EdgeVision is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Drops every fourth byte. On little-endian platforms it reads four pixels as four 32-bit words
 * and writes them as three (2–3× faster than byte by byte).
 *
 * @param rgba Pixels, 4 bytes each.
 * @returns A new array with 3 bytes per pixel.
 */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const pixels = rgba.length >> 2;
  const rgb = new Uint8Array(pixels * 3);
  let done = 0;
  if (LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    const source = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
    const target = new Uint32Array(rgb.buffer, 0, (pixels * 3) >> 2);
    const quads = pixels >> 2;
    for (let q = 0, s = 0, d = 0; q < quads; q++, s += 4, d += 3) {
      const p0 = source[s]! & 0xffffff;
      const p1 = source[s + 1]! & 0xffffff;
      const p2 = source[s + 2]! & 0xffffff;
      const p3 = source[s + 3]! & 0xffffff;
      target[d] = p0 | (p1 << 24);
      target[d + 1] = (p1 >>> 8) | (p2 << 16);
      target[d + 2] = (p2 >>> 16) | (p3 << 8);
    }
    done = quads * 4;
  }
  for (let p = done, s = p * 4, d = p * 3; p < pixels; p++, s += 4, d += 3) {
    rgb[d] = rgba[s]!;
    rgb[d + 1] = rgba[s + 1]!;
    rgb[d + 2] = rgba[s + 2]!;
  }
  return rgb;
}
