/**
 * Test helper run as a child process: enrols subjects "s0", "s1", … into the gallery in argv[2] as
 * fast as it can, printing "ack <name>" after each write is acknowledged, until it is killed.
 */
import { createNodeFileSystem } from "../../src/server/gallery/node-file-system.ts";
import { openFileGalleryStore } from "../../src/server/gallery/file-gallery-store.ts";

const directory = process.argv[2]!;
const store = await openFileGalleryStore({ fs: createNodeFileSystem(), directory, maxEmbeddingsPerSubject: 5 });
for (let i = 0; ; i++) {
  const name = `s${i}`;
  await store.addEmbeddings(name, { ownerId: "o", ownerName: "w" }, [Float32Array.from({ length: 128 }, (_, k) => i + k / 128)]);
  process.stdout.write(`ack ${name}\n`);
}
