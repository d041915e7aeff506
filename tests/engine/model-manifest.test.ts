// models/manifest.json describes the shipped files truthfully: they exist with the recorded sha256,
// and every face-detection file is listed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

const models = new URL("../../models/", import.meta.url);
interface ManifestEntry {
  task: string;
  files: { file: string; sha256: string; sourcePath: string }[];
  source: { package: string; version: string };
  licence: unknown;
  input: unknown;
  output: unknown;
}
const manifest = JSON.parse(readFileSync(new URL("manifest.json", models), "utf8")) as { models: ManifestEntry[] };

describe("models/manifest.json", () => {
  it("records the sha256, source and layout of every listed file", () => {
    assert.ok(manifest.models.length >= 2);
    for (const entry of manifest.models) {
      assert.ok(entry.task && entry.source.package && entry.source.version && entry.licence && entry.input && entry.output, JSON.stringify(entry).slice(0, 80));
      for (const { file, sha256, sourcePath } of entry.files) {
        assert.ok(sourcePath, file);
        const actual = createHash("sha256").update(readFileSync(new URL(file, models))).digest("hex");
        assert.equal(actual, sha256, file);
      }
    }
  });

  it("lists every file in models/face-detection/", () => {
    const listed = new Set(manifest.models.flatMap((m) => m.files.map((f) => f.file)));
    const present = readdirSync(new URL("face-detection/", models)).map((name) => `face-detection/${name}`);
    assert.deepEqual(present.filter((f) => !listed.has(f)), []);
  });
});
