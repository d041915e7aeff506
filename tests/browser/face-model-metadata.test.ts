// The build step that makes @mediapipe/face_detection's BlazeFace loadable by MediaPipe Tasks:
// the Tasks metadata is added in front of the untouched original model.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { addImageInputMetadata, readModelRoot } from "../../scripts/mediapipe/face-model-metadata.mjs";

const ROOT = new URL("../../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("models/manifest.json", ROOT), "utf8"));
const entry = manifest.browserAssets.find((m: { name: string }) => m.name === "mediapipe-blazeface-short-range");
const original = new Uint8Array(readFileSync(new URL(`node_modules/${entry.source.package}/${entry.files[0].sourcePath}`, ROOT)));

describe("MediaPipe face model metadata (scripts/mediapipe/face-model-metadata.mjs)", () => {
  const prepared = addImageInputMetadata(original, entry.tasksMetadata);

  it("keeps the original model byte for byte, aligned, behind a new root", () => {
    const base = prepared.length - original.length;
    assert.equal(base % 64, 0);
    assert.deepEqual(prepared.subarray(base), original);
    assert.equal(new TextDecoder().decode(prepared.subarray(4, 8)), "TFL3");
  });

  it("adds one buffer and a TFLITE_METADATA entry holding an M001 ModelMetadata with mean/std 127.5", () => {
    const before = readModelRoot(original);
    const after = readModelRoot(prepared);
    assert.equal(after.buffers.length, before.buffers.length + 1);
    assert.deepEqual(after.metadata.map((m: { name: string }) => m.name), ["TFLITE_METADATA"]);
    const view = new DataView(prepared.buffer, prepared.byteOffset);
    const bufferTable = after.buffers.at(-1)!;
    const dataField = bufferTable + 4;
    const data = dataField + view.getUint32(dataField, true);
    const length = view.getUint32(data, true);
    assert.equal((data + 4) % 16, 0, "buffer data is 16-byte aligned");
    const metadata = prepared.subarray(data + 4, data + 4 + length);
    assert.equal(new TextDecoder().decode(metadata.subarray(4, 8)), "M001");
    const floats = new Float32Array(metadata.buffer.slice(metadata.byteOffset, metadata.byteOffset + (length & ~3)));
    assert.ok(floats.filter((f) => f === 127.5).length >= 2, "mean and std are written as 127.5");
  });

  it("is deterministic and refuses a model that already has metadata", () => {
    assert.deepEqual(addImageInputMetadata(original, entry.tasksMetadata), prepared);
    assert.throws(() => addImageInputMetadata(prepared, entry.tasksMetadata), /already has TFLITE_METADATA/);
  });
});
