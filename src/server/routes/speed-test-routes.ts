/**
 * The speed-test helpers (§3.9): `GET /getdata/?numbytes=N` sends N bytes of `Z`,
 * `POST /uploaddata/` counts the body and reports the rate.
 * @module
 */
import type { Hono } from "hono";
import { PyFloat, pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import { htmlResponse } from "../http/http-replies.ts";
import { type BodyLimits, countBody } from "../http/read-body.ts";
import { INFO_TEXTS as TEXT } from "../http/reference-texts.ts";

const CHUNK_BYTES = 64 * 1024;

/**
 * Registers `/getdata/` and `/uploaddata/`.
 *
 * @param app The app.
 * @param limits Upload size limit and deadline (the same as for images).
 * @returns The registered paths.
 */
export function registerSpeedTestRoutes(app: Hono, limits: BodyLimits): string[] {
  app.all("/getdata/", (c) => {
    if (c.req.method !== "GET") return htmlResponse(400, TEXT.getDataBadMethod);
    const text = c.req.query("numbytes");
    if (text === undefined) return htmlResponse(400, TEXT.getDataMissing);
    const numBytes = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(numBytes)) {
      return htmlResponse(400, `Invalid 'numbytes' parameter: "${text}"`);
    }
    return htmlResponse(200, zStream(numBytes), { "content-length": String(numBytes) });
  });
  app.all("/uploaddata/", async (c) => {
    if (c.req.method !== "POST") return htmlResponse(400, TEXT.uploadBadMethod);
    const start = performance.now();
    const bytesRead = await countBody(c.req.raw, limits);
    // Never 0: the reference divides by the elapsed time and fails with 500 when it rounds to 0.
    const elapsedMs = Math.max(performance.now() - start, 0.001);
    const rounded = Math.max(Math.round(elapsedMs * 1000) / 1000, 0.001);
    return htmlResponse(200, pythonJsonDumps({
      bytes_read: bytesRead,
      elapsed_ms: new PyFloat(rounded),
      mbps: ((bytesRead * 8) / (rounded * 1000)).toFixed(3),
    }));
  });
  return ["/getdata/", "/uploaddata/"];
}

function zStream(numBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(Math.min(numBytes, CHUNK_BYTES)).fill(0x5a);
  let left = numBytes;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(left, chunk.byteLength);
      controller.enqueue(n === chunk.byteLength ? chunk.slice() : chunk.subarray(0, n).slice());
      left -= n;
    },
  });
}
