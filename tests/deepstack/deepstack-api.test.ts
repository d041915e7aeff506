/**
 * The DeepStack API over real sockets on the Deno, Node and Bun servers, called the way the
 * integrations call it (requests-style multipart, both slash forms): objects, faces, enrolment
 * through DeepStack recognised through MobiledgeX and the other way round, match, list, delete,
 * and DeepStack-shaped errors with its status codes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, RUNTIMES, type ServerProcess, startServer } from "../server/server-process.ts";
import { postLikeRequests } from "./requests-style-client.ts";

const API_KEY = "deepstack-api-key";
const ADMIN_KEY = "deepstack-admin-key";
const fixture = async (path: string) => new Uint8Array(await readFile(join(ROOT, "tests/fixtures", path)));

/** COCO 2017 names (DeepStack's YOLOv5 labels, Frigate's label map). */
const COCO_NAMES = new Set([
  "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light", "fire hydrant",
  "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra",
  "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
  "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork",
  "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut",
  "cake", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote",
  "keyboard", "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
  "teddy bear", "hair drier", "toothbrush",
]);

interface Prediction {
  confidence: number;
  label?: string;
  userid?: string;
  x_min: number;
  y_min: number;
  x_max: number;
  y_max: number;
}

for (const runtime of RUNTIMES) {
  describe(`DeepStack API on ${runtime}`, () => {
    let server: ServerProcess;
    const dataDir = `data/deepstack-test-${runtime}-${process.pid}`;
    const url = (path: string) => `${server.base}${path}`;
    const vision = (path: string, call: Parameters<typeof postLikeRequests>[1] = {}) =>
      postLikeRequests(url(`/v1/vision${path}`), { ...call, data: { api_key: API_KEY, ...call.data } });

    before(async () => {
      server = await startServer(runtime, [
        "--pool-size", "1", "--tasks", "face-detection,face-recognition,objects", "--tcp-port", "off",
        "--data-dir", dataDir, "--api-key", API_KEY, "--admin-key", ADMIN_KEY,
      ]);
    });
    after(async () => {
      await server?.stop();
      await rm(join(ROOT, dataDir), { recursive: true, force: true });
    });

    it("detects objects with COCO labels, best first, honouring min_confidence (default 0.40, the objects task's own threshold)", async () => {
      // 6_bodies.jpg, measured at the server's default objects threshold 0.4: five people
      // (0.75, 0.72, 0.66, 0.66, 0.46); its next boxes (a backpack 0.30, a sixth person 0.22) stay below.
      const image = await fixture("6_bodies.jpg");
      const reply = await vision("/detection", { files: { image } });
      assert.equal(reply.status, 200);
      assert.match(reply.contentType, /^application\/json/);
      assert.equal(reply.body.success, true);
      const predictions = reply.body.predictions as Prediction[];
      assert.deepEqual(predictions.map((p) => p.label), ["person", "person", "person", "person", "person"]);
      const strict = (await vision("/detection/", { files: { image }, data: { min_confidence: 0.7 } })).body.predictions as Prediction[];
      assert.deepEqual(strict, predictions.slice(0, 2), "min_confidence 0.7 keeps the two best");
      const loose = (await vision("/detection/", { files: { image }, data: { min_confidence: 0.2 } })).body.predictions as Prediction[];
      assert.deepEqual(loose, predictions, "below the server's objects threshold (0.4) min_confidence finds nothing more");
      for (const [list, threshold] of [[predictions, 0.4], [strict, 0.7]] as const) {
        list.forEach((p, i) => {
          assert.ok(p.confidence >= threshold && p.confidence <= 1, `confidence ${p.confidence}`);
          assert.ok(i === 0 || list[i - 1]!.confidence >= p.confidence, "sorted best first");
          assert.ok(COCO_NAMES.has(p.label!), `label "${p.label}" is a COCO name`);
          for (const v of [p.x_min, p.y_min, p.x_max, p.y_max]) assert.ok(Number.isInteger(v));
          assert.ok(p.x_min < p.x_max && p.y_min < p.y_max);
        });
      }
    });

    it("detects faces at /v1/vision/face and /v1/vision/face/ alike", async () => {
      const image = await fixture("face_triple.jpg");
      const plain = await vision("/face", { files: { image } });
      const slash = await vision("/face/", { files: { image } });
      assert.equal(plain.status, 200);
      assert.deepEqual(slash.body, plain.body);
      const faces = plain.body.predictions as Prediction[];
      assert.equal(faces.length, 3);
      for (const face of faces) {
        assert.deepEqual(Object.keys(face), ["confidence", "y_min", "x_min", "y_max", "x_max"]);
        assert.ok(face.confidence >= 0.55);
      }
    });

    it("enrols through DeepStack and recognises through MobiledgeX, and the other way round", async () => {
      const bruce = ["face_20181015-163834.png", "face_20181018-205045.941.png"];
      const files = { image1: await fixture(`faces/Bruce_Armstrong/${bruce[0]}`), image2: await fixture(`faces/Bruce_Armstrong/${bruce[1]}`) };
      const added = await vision("/face/register", { files, data: { userid: "Bruce_Armstrong", admin_key: ADMIN_KEY } });
      assert.deepEqual([added.status, added.body], [200, { success: true, message: "face added" }]);
      const again = await vision("/face/register/", { files: { image: files.image1 }, data: { userid: "Bruce_Armstrong", admin_key: ADMIN_KEY } });
      assert.deepEqual(again.body, { success: true, message: "face updated" });

      const probe = await fixture("faces/Bruce_Armstrong/face_20181018-204118-f.png");
      const mobiledgex = await fetch(url("/recognizer/predict/"), { method: "POST", headers: { "content-type": "image/png" }, body: probe as Uint8Array<ArrayBuffer> });
      assert.equal(JSON.parse(await mobiledgex.text()).subject, "Bruce_Armstrong");

      const lev = await fixture("faces/Lev/face_20181004-235133.png");
      const form = new URLSearchParams({ owner_id: "o", owner_name: "n", subject: "Lev", image: Buffer.from(lev).toString("base64") });
      const trained = await fetch(url("/trainer/add/"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${ADMIN_KEY}` },
        body: form.toString(),
      });
      assert.match(await trained.text(), /"success": "true"/);
      const recognised = await vision("/face/recognize", { files: { image: await fixture("faces/Lev/face_20181004-235150.png") } });
      assert.equal(recognised.status, 200);
      const [face, ...others] = recognised.body.predictions as Prediction[];
      assert.equal(others.length, 0);
      assert.deepEqual(Object.keys(face!), ["confidence", "userid", "y_min", "x_min", "y_max", "x_max"]);
      assert.equal(face!.userid, "Lev");
      assert.ok(face!.confidence >= 0.67 && face!.confidence <= 1, `confidence ${face!.confidence}`);

      const listed = await vision("/face/list", { data: { admin_key: ADMIN_KEY } });
      assert.deepEqual(listed.body, { success: true, faces: ["Bruce_Armstrong", "Lev"] });
    });

    it("recognises every face of a group photo; strangers are \"unknown\" with confidence 0", async () => {
      const image = await fixture("face_triple.jpg");
      const reply = await vision("/face/recognize/", { files: { image } });
      const faces = reply.body.predictions as Prediction[];
      assert.equal(faces.length, 3);
      for (const face of faces) assert.deepEqual([face.userid, face.confidence], ["unknown", 0]);
      const stranger = await vision("/face/recognize", { files: { image: await fixture("faces/Wonho_Park/face_20181003-162000.png") } });
      assert.deepEqual((stranger.body.predictions as Prediction[]).map((p) => p.userid), ["unknown"]);
    });

    it("matches two photos: the same person scores higher than two people", async () => {
      const a = await fixture("faces/Lev/face_20181004-235133.png");
      const same = await vision("/face/match", { files: { image1: a, image2: await fixture("faces/Lev/face_20181004-235142.png") } });
      const different = await vision("/face/match", { files: { image1: a, image2: await fixture("faces/Wonho_Park/face_20181003-162016.png") } });
      assert.equal(same.status, 200);
      const [s, d] = [same.body.similarity as number, different.body.similarity as number];
      assert.ok(s > 0.67 && d < 0.67 && d >= 0, `same ${s}, different ${d}`);
      const one = await vision("/face/match", { files: { image1: a } });
      assert.deepEqual([one.status, one.body], [400, { success: false, error: "expected two image files, only one found" }]);
    });

    it("answers errors in DeepStack's shape and status codes", async () => {
      const image = await fixture("Bruce.jpg");
      const cases: [Promise<{ status: number; body: Record<string, unknown> }>, number, string | RegExp][] = [
        [vision("/detection"), 400, "No valid image file found"],
        [vision("/face/recognize", { data: { userid: "x" } }), 400, "No valid image file found"],
        [vision("/detection", { files: { image: await fixture("bad/truncated--jpeg-half.jpg") } }), 400, "invalid image file"],
        [vision("/face", { files: { image: await fixture("bad/corrupt--png-bad-crc.png") } }), 400, "invalid image"],
        [vision("/face", { files: { image }, data: { min_confidence: "high" } }), 400, "Invalid value for min_confidence"],
        [vision("/face", { files: { image }, data: { min_confidence: 1.5 } }), 400, "min_confidence cannot be greater than 1"],
        [postLikeRequests(url("/v1/vision/detection"), { files: { image } }), 401, "Incorrect api key"],
        [vision("/face/register", { files: { image }, data: { userid: "Eve", admin_key: "wrong" } }), 401, "Incorrect admin key"],
        [vision("/face/list"), 401, "Incorrect admin key"],
        [vision("/face/list", { headers: { authorization: `Bearer ${ADMIN_KEY}`, origin: "http://elsewhere.example" } }), 403, "Cross-site request refused"],
        [vision("/face/register", { files: { image }, data: { admin_key: ADMIN_KEY } }), 400, "userid not specified"],
        [vision("/face/register", { files: { image: await fixture("empty_portrait_black.png") }, data: { userid: "Nobody", admin_key: ADMIN_KEY } }), 400, "no face detected"],
        [vision("/face/delete", { data: { userid: "Nobody", admin_key: ADMIN_KEY } }), 400, /not found/],
        [vision("/face/delete", { data: { admin_key: ADMIN_KEY } }), 400, "userid not specified"],
      ];
      for (const [call, status, error] of cases) {
        const reply = await call;
        assert.equal(reply.status, status, JSON.stringify(reply.body));
        assert.equal(reply.body.success, false);
        assert.match(reply.body.error as string, typeof error === "string" ? new RegExp(`^${error}$`) : error);
      }
    });

    it("describes both image APIs at /openapi.json, from the route definitions", async () => {
      const response = await fetch(url("/openapi.json"));
      assert.equal(response.status, 200);
      const document = await response.json();
      assert.equal(document.openapi, "3.1.0");
      for (const path of ["/detector/detect/", "/recognizer/predict/", "/openpose/detect/", "/object/detect/", "/v1/vision/detection", "/v1/vision/face/register"]) {
        assert.ok(document.paths[path]?.post, `${path} is described`);
      }
      assert.ok(document.paths["/v1/vision/face/register"].post.requestBody.content["multipart/form-data"].schema.properties.admin_key);
    });

    it("deletes through DeepStack, after which MobiledgeX no longer recognises the face", async () => {
      const deleted = await vision("/face/delete", { data: { userid: "Bruce_Armstrong", admin_key: ADMIN_KEY } });
      assert.deepEqual([deleted.status, deleted.body], [200, { success: true }]);
      const probe = await fixture("faces/Bruce_Armstrong/face_20181018-204118-f.png");
      const reply = await fetch(url("/recognizer/predict/"), { method: "POST", headers: { "content-type": "image/png" }, body: probe as Uint8Array<ArrayBuffer> });
      assert.equal(JSON.parse(await reply.text()).subject, "Unknown");
      const listed = await vision("/face/list/", { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      assert.deepEqual(listed.body, { success: true, faces: ["Lev"] });
    });
  });
}
