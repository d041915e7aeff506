/**
 * The fuzz generator: from a seed and a few valid images, a reproducible list of malformed inputs.
 * `imageCases` are payloads for any transport (REST raw body, WebSocket message, TCP frame);
 * `restBodyCases` are whole REST bodies with broken Base64 forms and multipart framing.
 *
 * Used by tests/fuzz/ (a fixed-seed subset on every transport) and scripts/soak.ts (the invalid
 * part of its traffic).
 * @module
 */
import { SeededRandom } from "./seeded-random.ts";
import {
  badPngCrc,
  badPngHeaderField,
  flipBits,
  hugeJpegDimensions,
  hugePngDimensions,
  type Mutation,
  truncate,
  wrongMagic,
} from "./image-mutations.ts";

/** Valid images the mutations start from. */
export interface FuzzSources {
  jpegs: readonly Uint8Array[];
  pngs: readonly Uint8Array[];
}

/** One image payload. `valid` marks an unmutated source (it must get a successful reply). */
export interface ImageCase {
  name: string;
  bytes: Uint8Array;
  valid: boolean;
}

/** One whole REST request body. */
export interface RestBodyCase {
  name: string;
  contentType: string;
  body: Uint8Array;
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * Generates image payloads: about 1 in 12 is a valid source, the rest mutations of one.
 *
 * @param sources Valid JPEGs and PNGs.
 * @param seed The seed; the same seed gives the same list.
 * @param count How many cases.
 * @returns The cases.
 * @example
 * ```ts
 * const cases = imageCases({ jpegs: [jpeg], pngs: [png] }, 12, 300);
 * ```
 */
export function imageCases(sources: FuzzSources, seed: number, count: number): ImageCase[] {
  const random = new SeededRandom(seed);
  const cases: ImageCase[] = [];
  for (let i = 0; i < count; i++) {
    const isPng = random.next() < 0.4 && sources.pngs.length > 0;
    const source = random.pick(isPng ? sources.pngs : sources.jpegs);
    const format = isPng ? "png" : "jpeg";
    const roll = random.next();
    if (roll < 1 / 12) {
      cases.push({ name: `${i}-${format}-valid`, bytes: source, valid: true });
      continue;
    }
    let mutation: Mutation | undefined;
    const kind = random.int(0, isPng ? 7 : 5);
    if (kind === 0) mutation = truncate(source, random);
    else if (kind === 1) mutation = flipBits(source, random);
    else if (kind === 2) mutation = wrongMagic(source, random);
    else if (kind === 3) mutation = isPng ? hugePngDimensions(source, random) : hugeJpegDimensions(source, random);
    else if (kind === 4) mutation = { name: `random-${i}`, bytes: random.bytes(random.int(0, 4096)) };
    else if (kind === 5) mutation = { name: "magic-only", bytes: isPng ? source.slice(0, 8) : source.slice(0, random.int(2, 4)) };
    else if (kind === 6) mutation = badPngCrc(source, random);
    else mutation = badPngHeaderField(source, random);
    mutation ??= truncate(source, random);
    cases.push({ name: `${i}-${format}-${mutation.name}`, bytes: mutation.bytes, valid: false });
  }
  return cases;
}

/**
 * Generates broken REST bodies: garbage Base64 in a form field, bad percent-escapes, forms without
 * an image, multipart with a missing or wrong boundary, truncated parts, huge part headers.
 *
 * @param sources Valid images (embedded in some bodies).
 * @param seed The seed.
 * @param count How many cases.
 * @returns The cases.
 */
export function restBodyCases(sources: FuzzSources, seed: number, count: number): RestBodyCase[] {
  const random = new SeededRandom(seed);
  const cases: RestBodyCase[] = [];
  const form = "application/x-www-form-urlencoded";
  for (let i = 0; i < count; i++) {
    const image = random.pick(sources.jpegs);
    const base64 = toBase64(image);
    const boundary = `----fuzz${random.int(0, 1e9)}`;
    const kind = random.int(0, 9);
    let item: Omit<RestBodyCase, "name"> & { what: string };
    if (kind === 0) item = { what: "base64-garbage", contentType: form, body: text(`image=${garbage(random, "!@#$^&*()[]{}<>?~`\"' \t", 2000)}`) };
    else if (kind === 1) item = { what: "base64-truncated", contentType: form, body: text(`image=${encodeURIComponent(base64.slice(0, random.int(0, base64.length - 1)))}`) };
    else if (kind === 2) item = { what: "base64-bad-escape", contentType: form, body: text(`image=${base64.slice(0, 200)}%ZZ%4%%${base64.slice(200, 400)}`) };
    else if (kind === 3) item = { what: "form-no-image", contentType: form, body: text(`picture=${encodeURIComponent(base64)}&x=1`) };
    else if (kind === 4) item = { what: "base64-of-random", contentType: form, body: text(`image=${encodeURIComponent(toBase64(random.bytes(random.int(0, 3000))))}`) };
    else if (kind === 5) item = { what: "multipart-no-boundary", contentType: "multipart/form-data", body: multipart(boundary, image) };
    else if (kind === 6) item = { what: "multipart-wrong-boundary", contentType: `multipart/form-data; boundary=${boundary}x`, body: multipart(boundary, image) };
    else if (kind === 7) {
      const whole = multipart(boundary, image);
      item = { what: "multipart-truncated", contentType: `multipart/form-data; boundary=${boundary}`, body: whole.slice(0, random.int(0, whole.length - 1)) };
    } else if (kind === 8) {
      const header = `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${"a".repeat(random.int(1000, 20000))}"\r\n\r\n`;
      item = { what: "multipart-huge-header", contentType: `multipart/form-data; boundary=${boundary}`, body: text(`${header}${"x".repeat(100)}\r\n--${boundary}--\r\n`) };
    } else item = { what: "multipart-garbage", contentType: `multipart/form-data; boundary=${boundary}`, body: random.bytes(random.int(0, 4096)) };
    cases.push({ name: `${i}-${item.what}`, contentType: item.contentType, body: item.body });
  }
  return cases;
}

function multipart(boundary: string, image: Uint8Array): Uint8Array {
  const head = text(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const tail = text(`\r\n--${boundary}--\r\n`);
  const out = new Uint8Array(head.length + image.length + tail.length);
  out.set(head, 0), out.set(image, head.length), out.set(tail, head.length + image.length);
  return out;
}

function garbage(random: SeededRandom, alphabet: string, maxLength: number): string {
  let s = "";
  const length = random.int(0, maxLength);
  for (let i = 0; i < length; i++) s += alphabet[random.int(0, alphabet.length - 1)];
  return s;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
