/**
 * The recognition plugin under the Deno and Bun server entries (Node: recognition-server.test.ts):
 * enrol over REST, recognise, restart, and find the gallery written by that runtime intact.
 * Deno runs with the permissions of `deno task serve`, so the data directory lives under ./data.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, type RuntimeName, startServer } from "../server/server-process.ts";

const photo = async (name: string) => new Uint8Array(await readFile(join(ROOT, "tests/fixtures/faces/Lev", name)));

async function predictSubject(base: string, bytes: Uint8Array): Promise<string> {
  const response = await fetch(`${base}/recognizer/predict/`, { method: "POST", headers: { "content-type": "image/png" }, body: bytes as Uint8Array<ArrayBuffer> });
  return JSON.parse(await response.text()).subject;
}

for (const runtime of ["deno", "bun"] as RuntimeName[]) {
  describe(`face recognition on ${runtime}`, () => {
    it("enrols, recognises, and keeps the gallery across a restart", async () => {
      const dataDir = `data/recognition-test-${runtime}-${process.pid}-${Date.now()}`;
      const args = ["--pool-size", "1", "--tasks", "face-recognition", "--data-dir", dataDir];
      try {
        let server = await startServer(runtime, args);
        try {
          const form = new URLSearchParams({ owner_id: "o", owner_name: "n", subject: "Lev", image: Buffer.from(await photo("face_20181004-235133.png")).toString("base64") });
          const added = await fetch(`${server.base}/trainer/add/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
          assert.match(await added.text(), /^\{"success": "true", "rects": /);
          assert.equal(await predictSubject(server.base, await photo("face_20181004-235150.png")), "Lev");
        } finally {
          await server.stop();
        }
        server = await startServer(runtime, args);
        try {
          const listed = await (await fetch(`${server.base}/api/subjects`)).json();
          assert.deepEqual(listed.subjects.map((s: { name: string; embeddingCount: number }) => [s.name, s.embeddingCount]), [["Lev", 1]]);
          assert.equal(await predictSubject(server.base, await photo("face_20181004-235142.png")), "Lev");
        } finally {
          await server.stop();
        }
      } finally {
        await rm(join(ROOT, dataDir), { recursive: true, force: true });
      }
    });
  });
}
