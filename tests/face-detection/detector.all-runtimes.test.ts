// Real BlazeFace models on the reference sample images, through the engine (decode → detect).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createEngine } from "../../src/core/engine/engine.ts";
import type { FaceDetectionResult } from "../../src/core/engine/types.ts";
import { ImageDecodeError } from "../../src/core/image/mod.ts";
import { iou, runtimeModelStore } from "./runtime-model-store.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

// The reference server's Haar boxes (protocol notes §3.1, §13).
const BRUCE_REFERENCE = [73, 76, 147, 150];
const TRIPLE_REFERENCE = [[6, 104, 59, 157], [68, 165, 138, 235], [120, 28, 189, 97]];

// Engines are created at module level: Deno's node:test registers only tests declared synchronously.
const store = await runtimeModelStore();
const common = { readModelFile: store.readModelFile, tasks: ["face-detection"] as const, wasm: { wasmDirectory: store.wasmDirectory }, jpegWasm: await store.readJpegWasm() };
const engines = {
  short: await createEngine({ ...common, config: { "face-detection": { model: "short" } } }),
  full: await createEngine({ ...common, config: { "face-detection": { model: "full" } } }),
};

async function detect(model: keyof typeof engines, name: string): Promise<FaceDetectionResult> {
  return await engines[model].run("face-detection", fixture(name)) as FaceDetectionResult;
}

for (const model of ["short", "full"] as const) {
  describe(`face detection, ${model}-range BlazeFace (${store.runtime})`, () => {
    it("finds one face in Bruce.jpg overlapping the reference box with IoU >= 0.5", async () => {
      const { faces, processingMs, task } = await detect(model, "Bruce.jpg");
      assert.equal(task, "face-detection");
      assert.ok(processingMs > 0);
      assert.equal(faces.length, 1);
      const face = faces[0]!;
      assert.ok(iou(face.rect, BRUCE_REFERENCE) >= 0.5, `IoU of ${JSON.stringify(face.rect)} with the reference is ${iou(face.rect, BRUCE_REFERENCE)}`);
      assert.ok(face.rect.every(Number.isInteger));
      assert.ok(face.score >= 0.5 && face.score <= 1);
      assert.equal(face.landmarks.length, 6);
      const [rightEye, leftEye, nose] = face.landmarks as [[number, number], [number, number], [number, number]];
      // BlazeFace's "right eye" is the subject's right, i.e. on the left of the picture
      assert.ok(rightEye[0] < nose[0] && nose[0] < leftEye[0], "eyes on either side of the nose");
      assert.ok(rightEye[1] < nose[1] && leftEye[1] < nose[1], "eyes above the nose");
    });

    it("finds the three faces of face_triple.jpg, each matching a reference box", async () => {
      const { faces } = await detect(model, "face_triple.jpg");
      assert.equal(faces.length, 3);
      for (const reference of TRIPLE_REFERENCE) {
        const best = Math.max(...faces.map((f) => iou(f.rect, reference)));
        assert.ok(best >= 0.5, `best IoU with ${JSON.stringify(reference)} is ${best}`);
      }
    });

    it("finds one face in Wonho.jpg", async () => {
      assert.equal((await detect(model, "Wonho.jpg")).faces.length, 1);
    });

    for (const name of ["single_pixel.png", "empty_portrait_black.png", "testfile.png"]) {
      it(`finds no face in ${name}`, async () => {
        assert.deepEqual((await detect(model, name)).faces, []);
      });
    }
  });
}

describe(`face detection engines with different configs coexist (${store.runtime})`, () => {
  it("short- and full-range engines in one realm each keep their model (6_bodies.jpg: small faces)", async () => {
    const [short, full] = [await detect("short", "6_bodies.jpg"), await detect("full", "6_bodies.jpg")];
    assert.ok(full.faces.length >= 4, `full-range found ${full.faces.length}`);
    assert.ok(short.faces.length < full.faces.length, `short-range found ${short.faces.length}`);
    assert.equal((await detect("short", "Bruce.jpg")).faces.length, 1);
  });
});

describe(`face detection on group photos (${store.runtime})`, () => {
  // tests/fixtures/groups/: the face-api demo photos, faces counted by eye.
  const GROUPS: [string, number][] = [["sample1.jpg", 3], ["sample2.jpg", 3], ["sample3.jpg", 3], ["sample4.jpg", 4], ["sample5.jpg", 5], ["sample6.jpg", 4]];
  it("full-range finds every face of the six group photos", async () => {
    for (const [name, count] of GROUPS) assert.equal((await detect("full", `groups/${name}`)).faces.length, count, name);
  });
  it("short-range finds some of them and never more than are there", async () => {
    let found = 0;
    for (const [name, count] of GROUPS) {
      const n = (await detect("short", `groups/${name}`)).faces.length;
      assert.ok(n <= count, `${name}: ${n} faces`);
      found += n;
    }
    assert.ok(found >= 12, `short-range found ${found} of 22`);
  });
});

describe(`face detection engine errors (${store.runtime})`, () => {
  it("passes ImageDecodeError through for bad bytes and keeps working", async () => {
    const bruce = fixture("Bruce.jpg");
    const bad: [string, Uint8Array, string][] = [
      ["empty", new Uint8Array(0), "empty"],
      ["text", new TextEncoder().encode("not an image at all"), "unknown-format"],
      ["truncated JPEG", bruce.slice(0, 100), "truncated"],
    ];
    for (const [label, bytes, code] of bad) {
      await assert.rejects(engines.short.run("face-detection", bytes), (error: unknown) => {
        assert.ok(error instanceof ImageDecodeError, `${label}: ${error}`);
        assert.equal(error.code, code, label);
        return true;
      });
    }
    assert.equal((await detect("short", "Bruce.jpg")).faces.length, 1);
  });

  it("refuses images above the configured pixel limit before decoding", async () => {
    const small = await createEngine({ ...common, config: { maxPixels: 1000 } });
    try {
      await assert.rejects(small.run("face-detection", fixture("Bruce.jpg")), (error: unknown) => error instanceof ImageDecodeError && error.code === "too-large");
    } finally {
      small.dispose();
    }
  });
});
