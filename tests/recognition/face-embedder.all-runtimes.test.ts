/**
 * The real dlib network on real photos, under Node, Deno and Bun: aligned embeddings of the same
 * person are close, of different people far, and the crop puts the eyes where dlib expects them.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { decodeImage } from "../../src/core/image/mod.ts";
import { initWasmBackend } from "../../src/core/inference/wasm-backend.ts";
import { createFaceDetector, type FaceDetector } from "../../src/core/tasks/face-detection/face-detector.ts";
import { alignFace, createFaceEmbedder, type FaceEmbedder } from "../../src/core/tasks/face-recognition/face-embedder.ts";
import { DLIB_CHIP_LANDMARKS } from "../../src/core/tasks/face-recognition/face-chip-geometry.ts";

const ROOT = new URL("../../", import.meta.url);
const readModelFile = async (path: string) => new Uint8Array(await readFile(new URL(`models/${path}`, ROOT)));
const distance = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((v, i) => v - b[i]!));

describe("face embedder (dlib ResNet, eye alignment)", () => {
  let detector: FaceDetector;
  let embedder: FaceEmbedder;
  const embeddings = new Map<string, Float32Array[]>();

  before(async () => {
    await initWasmBackend({ wasmDirectory: fileURLToPath(new URL("node_modules/@tensorflow/tfjs-backend-wasm/dist/", ROOT)) });
    detector = await createFaceDetector({ readModelFile });
    embedder = await createFaceEmbedder({ readModelFile }, "eyes");
    const photos: Record<string, string[]> = {
      Bruce_Armstrong: ["face_20181015-163834.png", "face_20181018-205045.941.png"],
      Lev: ["face_20181004-235133.png", "face_20181004-235150.png"],
      Wonho_Park: ["face_20181003-162000.png", "face_20181003-162016.png"],
    };
    for (const [person, files] of Object.entries(photos)) {
      const list: Float32Array[] = [];
      for (const file of files) {
        const image = await decodeImage(new Uint8Array(await readFile(new URL(`tests/fixtures/faces/${person}/${file}`, ROOT))));
        const [face] = await detector.detect(image);
        assert.ok(face, `${person}/${file}: no face`);
        list.push(await embedder.embed(image, face));
      }
      embeddings.set(person, list);
    }
  });
  after(() => {
    detector?.dispose();
    embedder?.dispose();
  });

  it("gives 128 finite values", () => {
    for (const list of embeddings.values()) {
      for (const e of list) {
        assert.equal(e.length, 128);
        assert.ok(e.every(Number.isFinite));
      }
    }
  });

  it("puts the same person within 0.6 and different people beyond it", () => {
    const people = [...embeddings.keys()];
    for (const person of people) {
      const [a, b] = embeddings.get(person)!;
      assert.ok(distance(a!, b!) < 0.6, `${person}: ${distance(a!, b!)}`);
      for (const other of people.filter((p) => p !== person)) {
        for (const x of embeddings.get(person)!) {
          for (const y of embeddings.get(other)!) assert.ok(distance(x, y) > 0.6, `${person} vs ${other}: ${distance(x, y)}`);
        }
      }
    }
  });

  it("maps the detected eyes onto dlib's chip eye positions", async () => {
    const image = await decodeImage(new Uint8Array(await readFile(new URL("tests/fixtures/Bruce.jpg", ROOT))));
    const [face] = await detector.detect(image);
    const t = alignFace(face!, "eyes");
    const chipToImage = ([u, v]: [number, number]) => [t.a * u - t.b * v + t.tx, t.b * u + t.a * v + t.ty];
    const [right, left] = face!.landmarks;
    const mapped = [chipToImage(DLIB_CHIP_LANDMARKS.imageLeftEye), chipToImage(DLIB_CHIP_LANDMARKS.imageRightEye)];
    assert.ok(Math.hypot(mapped[0]![0]! - right![0], mapped[0]![1]! - right![1]) < 1e-6);
    assert.ok(Math.hypot(mapped[1]![0]! - left![0], mapped[1]![1]! - left![1]) < 1e-6);
    assert.ok(right![0] < left![0], "the subject's right eye is on the image's left");
  });
});
