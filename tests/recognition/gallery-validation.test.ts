/**
 * A checksum-valid gallery record with a 127-value embedding (the reproduction) used to make
 * every /recognizer/predict/ answer 500, across restarts. Now the server skips and reports it at
 * load, and recognition keeps answering — on the first start and after a restart.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeGalleryRecord } from "../../src/server/gallery/gallery-log.ts";
import { GALLERY_LOG_FILE } from "../../src/server/gallery/file-gallery-store.ts";
import { type ServerProcess, startServer } from "../server/server-process.ts";

const FACE = new URL("../fixtures/faces/Lev/", import.meta.url);
let dataDir = "";
let server: ServerProcess | undefined;

async function predict(base: string, photo: Uint8Array) {
  const response = await fetch(`${base}/recognizer/predict/`, { method: "POST", headers: { "content-type": "image/png" }, body: photo as Uint8Array<ArrayBuffer> });
  return { status: response.status, text: await response.text() };
}

describe("gallery records are validated at load", { concurrency: false }, () => {
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "edgevision-gallery-validation-"));
    const owner = { ownerId: "", ownerName: "" };
    const spread = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i) * 0.1);
    await writeFile(join(dataDir, GALLERY_LOG_FILE), Buffer.concat([
      encodeGalleryRecord({ op: "add", subject: "Someone", ...owner, at: "2026-01-01T00:00:00.000Z", embeddings: [spread] }),
      encodeGalleryRecord({ op: "add", subject: "Broken", ...owner, at: "2026-01-01T00:00:01.000Z", embeddings: [new Float32Array(127)] }),
    ]));
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("skips the 127-value record with a warning and answers predictions, before and after a restart", async () => {
    const photo = new Uint8Array(await readFile(new URL("face_20181004-235133.png", FACE)));
    for (const start of ["first start", "restart"]) {
      server = await startServer("node", ["--pool-size", "1", "--data-dir", dataDir, "--tasks", "face-recognition", "--tcp-port", "off"]);
      const reply = await predict(server.base, photo);
      assert.equal(reply.status, 200, `${start}: ${reply.text}`);
      assert.match(reply.text, /^\{"success": "true", "subject": "Unknown", "confidence": "[\d.]+", "server_processing_time": "[\d.]+", "rect": \[/, start);
      if (start === "first start") {
        assert.match(server.output(), /1 invalid record\(s\); they were skipped \(line 2: embedding 1 has 127 values, 128 expected\)/);
      }
      await server.stop();
      server = undefined;
    }
  });
});
