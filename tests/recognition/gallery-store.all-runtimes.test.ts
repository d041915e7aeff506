import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNodeFileSystem } from "../../src/server/gallery/node-file-system.ts";
import { GALLERY_LOG_FILE, openFileGalleryStore } from "../../src/server/gallery/file-gallery-store.ts";
import { encodeGalleryRecord, parseGalleryLog } from "../../src/server/gallery/gallery-log.ts";
import { crc32 } from "../../src/core/checksum/crc32.ts";
import { buildSubjectIndex } from "../../src/server/gallery/nearest-subject.ts";

const vector = (...values: number[]) => Float32Array.from(values);
const owner = { ownerId: "id-1", ownerName: "Owner One" };

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), "edgevision-gallery-"));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe("gallery log format", () => {
  it("uses the standard CRC-32", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  });
  it("round-trips records with exact float32 embeddings", () => {
    const embedding = vector(0.1, -2.5, Math.PI);
    const bytes = encodeGalleryRecord({ op: "add", subject: "Zoë \"Z\"", ...owner, at: "2026-01-01T00:00:00.000Z", embeddings: [embedding] });
    const parsed = parseGalleryLog(bytes);
    assert.equal(parsed.validLength, bytes.length);
    assert.equal(parsed.damagedLines, 0);
    const record = parsed.records[0];
    assert.ok(record?.op === "add");
    assert.equal(record.subject, "Zoë \"Z\"");
    assert.deepEqual(Array.from(record.embeddings[0]!), Array.from(embedding));
  });
  it("stops at a torn tail and skips a damaged line", () => {
    const a = encodeGalleryRecord({ op: "remove", subject: "a", at: "t" });
    const b = encodeGalleryRecord({ op: "remove", subject: "b", at: "t" });
    const damaged = encodeGalleryRecord({ op: "remove", subject: "c", at: "t" });
    damaged[20] = damaged[20] === 0x41 ? 0x42 : 0x41;
    const torn = b.subarray(0, b.length - 5);
    const parsed = parseGalleryLog(new Uint8Array([...a, ...damaged, ...b, ...torn]));
    assert.deepEqual(parsed.records.map((r) => r.subject), ["a", "b"]);
    assert.equal(parsed.damagedLines, 1);
    assert.equal(parsed.validLength, a.length + damaged.length + b.length);
  });
});

describe("file gallery store", () => {
  it("keeps subjects, owners and embeddings across reopening, and forgets removed ones", async () => {
    await withDirectory(async (directory) => {
      const fs = createNodeFileSystem();
      const first = await openFileGalleryStore({ fs, directory });
      await first.addEmbeddings("Ada", owner, [vector(1, 0), vector(0.9, 0.1)]);
      await first.addEmbeddings("Bob", { ownerId: "", ownerName: "" }, [vector(0, 1)]);
      await first.addEmbeddings("Cy", owner, [vector(5, 5)]);
      assert.equal(await first.removeSubject("Cy"), true);
      assert.equal(await first.removeSubject("Nobody"), false);
      await first.close();

      const second = await openFileGalleryStore({ fs, directory });
      const subjects = await second.listSubjects();
      assert.deepEqual(subjects.map((s) => [s.name, s.ownerId, s.ownerName, s.embeddingCount]), [["Ada", "id-1", "Owner One", 2], ["Bob", "", "", 1]]);
      const all = await second.allEmbeddings();
      assert.deepEqual(all.find((s) => s.name === "Ada")!.embeddings.map((e) => Array.from(e)), [[1, 0], [0.8999999761581421, 0.10000000149011612]]);
    });
  });

  it("keeps only the newest embeddings of a subject", async () => {
    await withDirectory(async (directory) => {
      const store = await openFileGalleryStore({ fs: createNodeFileSystem(), directory, maxEmbeddingsPerSubject: 2 });
      for (let i = 0; i < 4; i++) await store.addEmbeddings("Ada", owner, [vector(i)]);
      const [ada] = await store.allEmbeddings();
      assert.deepEqual(ada!.embeddings.map((e) => e[0]), [2, 3]);
    });
  });

  it("repairs a tail torn by a crash and keeps appending after it", async () => {
    await withDirectory(async (directory) => {
      const fs = createNodeFileSystem();
      const store = await openFileGalleryStore({ fs, directory });
      await store.addEmbeddings("Ada", owner, [vector(1, 2)]);
      await store.close();
      const logPath = join(directory, GALLERY_LOG_FILE);
      const intact = (await readFile(logPath)).length;
      const half = encodeGalleryRecord({ op: "add", subject: "Torn", ...owner, at: "t", embeddings: [vector(3, 4)] });
      await appendFile(logPath, half.subarray(0, half.length >> 1));

      const warnings: string[] = [];
      const reopened = await openFileGalleryStore({ fs, directory, onWarning: (m) => warnings.push(m) });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /incomplete record/);
      assert.equal((await readFile(logPath)).length, intact);
      await reopened.addEmbeddings("Bob", owner, [vector(0, 1)]);
      const again = await openFileGalleryStore({ fs, directory });
      assert.deepEqual((await again.listSubjects()).map((s) => s.name), ["Ada", "Bob"]);
    });
  });

  it("compacts a long history into one record per subject without losing data", async () => {
    await withDirectory(async (directory) => {
      const fs = createNodeFileSystem();
      const store = await openFileGalleryStore({ fs, directory, maxEmbeddingsPerSubject: 3 });
      for (let i = 0; i < 100; i++) await store.addEmbeddings(i % 2 ? "Odd" : "Even", owner, [vector(i)]);
      const lines = (await readFile(join(directory, GALLERY_LOG_FILE), "utf8")).trim().split("\n").length;
      assert.ok(lines < 70, `log has ${lines} lines after compaction`);
      const reopened = await openFileGalleryStore({ fs, directory, maxEmbeddingsPerSubject: 3 });
      const all = await reopened.allEmbeddings();
      assert.deepEqual(all.map((s) => [s.name, s.embeddings.map((e) => e[0])]).sort(), [["Even", [94, 96, 98]], ["Odd", [95, 97, 99]]]);
    });
  });

  it("skips and reports checksum-valid records with a wrong embedding length at load, and refuses to write them", async () => {
    await withDirectory(async (directory) => {
      const fs = createNodeFileSystem();
      const good = encodeGalleryRecord({ op: "add", subject: "Ada", ...owner, at: "t1", embeddings: [new Float32Array(4).fill(1)] });
      const short = encodeGalleryRecord({ op: "add", subject: "Short", ...owner, at: "t2", embeddings: [new Float32Array(3)] });
      const notFinite = encodeGalleryRecord({ op: "add", subject: "NaN", ...owner, at: "t3", embeddings: [vector(1, Number.NaN, 0, 0)] });
      await writeFile(join(directory, GALLERY_LOG_FILE), Buffer.concat([good, short, notFinite]));
      const warnings: string[] = [];
      const store = await openFileGalleryStore({ fs, directory, embeddingLength: 4, onWarning: (m) => warnings.push(m) });
      assert.deepEqual((await store.listSubjects()).map((s) => s.name), ["Ada"]);
      assert.match(warnings.join("\n"), /2 invalid record\(s\); they were skipped \(line 2: embedding 1 has 3 values, 4 expected; line 3: embedding 1 has a value that is not a finite number\)/);
      await assert.rejects(store.addEmbeddings("Bob", owner, [new Float32Array(127)]), /embedding 1 has 127 values, 4 expected/);
      await assert.rejects(store.addEmbeddings("Bob", owner, [vector(0, 0, Infinity, 0)]), RangeError);
      await store.close();
      // The invalid records were compacted away and nothing was written for Bob.
      const reopened: string[] = [];
      const again = await openFileGalleryStore({ fs, directory, embeddingLength: 4, onWarning: (m) => reopened.push(m) });
      assert.deepEqual((await again.listSubjects()).map((s) => s.name), ["Ada"]);
      assert.deepEqual(reopened, []);
    });
  });

  it("starts empty on a missing or empty log, and ignores a file of garbage with a warning", async () => {
    await withDirectory(async (directory) => {
      const fs = createNodeFileSystem();
      assert.deepEqual(await (await openFileGalleryStore({ fs, directory: join(directory, "new", "dir") })).listSubjects(), []);
      await writeFile(join(directory, GALLERY_LOG_FILE), "not a log\nat all\n");
      const warnings: string[] = [];
      const store = await openFileGalleryStore({ fs, directory, onWarning: (m) => warnings.push(m) });
      assert.deepEqual(await store.listSubjects(), []);
      assert.match(warnings.join(), /2 damaged record/);
    });
  });
});

describe("nearest subject", () => {
  const gallery = [
    { name: "Ada", embeddings: [vector(0, 0), vector(10, 0)] },
    { name: "Bob", embeddings: [vector(4, 0)] },
    { name: "Empty", embeddings: [] },
  ];
  it("takes the minimum over a subject's embeddings", () => {
    assert.deepEqual(buildSubjectIndex(gallery, "nearest").nearest(vector(9, 0)), { subject: "Ada", distance: 1 });
  });
  it("can compare with each subject's centroid instead", () => {
    assert.deepEqual(buildSubjectIndex(gallery, "centroid").nearest(vector(1, 0)), { subject: "Bob", distance: 3 });
  });
  it("is empty without embeddings and checks the dimension", () => {
    assert.equal(buildSubjectIndex([], "nearest").nearest(vector(1)), undefined);
    assert.throws(() => buildSubjectIndex(gallery, "nearest").nearest(vector(1, 2, 3)), RangeError);
  });
});
