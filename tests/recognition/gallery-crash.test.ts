/**
 * Crash safety with a real crash: a child process writes to the gallery non-stop and is killed
 * with SIGKILL mid-stream; reopening must find every acknowledged subject, intact.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createNodeFileSystem } from "../../src/server/gallery/node-file-system.ts";
import { openFileGalleryStore } from "../../src/server/gallery/file-gallery-store.ts";

const WRITER = fileURLToPath(new URL("gallery-writer-process.ts", import.meta.url));

describe("file gallery store under SIGKILL", () => {
  it("keeps every acknowledged write and stays readable and writable", async () => {
    const directory = await mkdtemp(join(tmpdir(), "edgevision-crash-"));
    try {
      for (let round = 0; round < 3; round++) {
        const child = spawn(process.execPath, ["--import", "tsx", WRITER, directory], { stdio: ["ignore", "pipe", "inherit"] });
        const acked: string[] = [];
        let buffered = "";
        const target = 40 + round * 37; // kill at different points of the write / compaction cycle
        await new Promise<void>((resolve) => {
          child.stdout!.on("data", (chunk) => {
            buffered += chunk;
            const lines = buffered.split("\n");
            buffered = lines.pop()!;
            for (const line of lines) if (line.startsWith("ack ")) acked.push(line.slice(4));
            if (acked.length >= target && child.exitCode === null) child.kill("SIGKILL");
          });
          child.once("exit", () => resolve());
        });
        assert.ok(acked.length >= target, `writer stopped early after ${acked.length} acks`);

        const warnings: string[] = [];
        const store = await openFileGalleryStore({ fs: createNodeFileSystem(), directory, maxEmbeddingsPerSubject: 5, onWarning: (m) => warnings.push(m) });
        const all = new Map((await store.allEmbeddings()).map((s) => [s.name, s.embeddings]));
        for (const name of acked) {
          const embeddings = all.get(name);
          assert.ok(embeddings, `acknowledged subject "${name}" lost in round ${round}`);
          const i = Number(name.slice(1));
          assert.deepEqual(Array.from(embeddings.at(-1)!.subarray(0, 2)), [Math.fround(i), Math.fround(i + 1 / 128)]);
        }
        assert.ok(warnings.every((w) => /incomplete record/.test(w)), `unexpected warnings: ${warnings.join("; ")}`);
        await store.addEmbeddings(`after-${round}`, { ownerId: "", ownerName: "" }, [new Float32Array(128)]);
        await store.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
