/**
 * The REST API of the real server process under Deno, Node and Bun, over real sockets: the four
 * image encodings, the reference's exact 400 texts, byte-exact replies, redirects, 404, and the
 * informational and speed-test endpoints.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { IMAGE_REQUEST_TEXTS, INFO_TEXTS } from "../../src/server/http/reference-texts.ts";
import {
  inProcessFaceDetection,
  iou,
  rectNumbers,
  REFERENCE_BRUCE_RECT,
  sameReplyWithin,
  withoutTime,
} from "./reference-expectations.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";
import { UNSUPPORTED_ROUTES } from "../../src/server/routes/unsupported-routes.ts";

const BRUCE = fixture("Bruce.jpg");
const TRIPLE = fixture("face_triple.jpg");
const PIXEL = fixture("single_pixel.png");
const HTML = "text/html; charset=utf-8";
const base64Lines = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/.{76}/g, "$&\n");

let expected: { bruce: string; triple: string; pixel: string };
before(async () => {
  const [bruce, triple, pixel] = await inProcessFaceDetection([BRUCE, TRIPLE, PIXEL]);
  expected = { bruce: bruce as string, triple: triple as string, pixel: pixel as string };
});

for (const runtime of RUNTIMES) {
  describe(`REST API on ${runtime}`, () => {
    let server: ServerProcess;
    let url: (path: string) => string;
    before(async () => {
      server = await startServer(runtime, ["--pool-size", "2", "--tasks", "face-detection"]);
      url = (path) => server.base + path;
    });
    after(async () => {
      const code = await server.stop();
      assert.equal(code, 0, `clean exit expected on SIGTERM:\n${server.output()}`);
    });

    test("raw image/jpeg body: Bruce.jpg reply is byte-exact apart from the time", async () => {
      const reply = await post(url("/detector/detect/"), BRUCE, { "content-type": "image/jpeg", "mobiledgex-debug": "true" });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("content-type"), HTML);
      assert.match(reply.text, /^\{"success": "true", "server_processing_time": "\d+\.\d{3}", "rects": \[\[\d+, \d+, \d+, \d+\]\]\}$/);
      assert.equal(sameReplyWithin(reply.text, expected.bruce, 2), undefined);
      const rect = rectNumbers(reply.text);
      assert.ok(iou(rect, REFERENCE_BRUCE_RECT) > 0.6, `box ${rect} should overlap the reference's ${REFERENCE_BRUCE_RECT}`);
    });

    test("raw image/png body, and a PNG labelled image/jpeg (the format is sniffed)", async () => {
      for (const type of ["image/png", "image/jpeg"]) {
        const reply = await post(url("/detector/detect/"), PIXEL, { "content-type": type });
        assert.equal(reply.status, 200);
        assert.match(reply.text, /^\{"success": "false", "server_processing_time": "\d+\.\d{3}"\}$/);
        assert.equal(withoutTime(reply.text), withoutTime(expected.pixel));
      }
    });

    test("multipart part 'image' typed image/jpeg, image/png or application/octet-stream", async () => {
      for (const type of ["image/jpeg", "image/png", "application/octet-stream"]) {
        const form = new FormData();
        form.append("image", new Blob([TRIPLE], { type }), "face_triple.jpg");
        const reply = await post(url("/detector/detect/"), form);
        assert.equal(reply.status, 200, reply.text);
        assert.equal(sameReplyWithin(reply.text, expected.triple, 2), undefined);
      }
    });

    test("form-urlencoded Base64 'image' with line breaks (lenient decoding)", async () => {
      const body = new URLSearchParams({ image: base64Lines(BRUCE), owner_name: "x" });
      const reply = await post(url("/detector/detect/"), body);
      assert.equal(reply.status, 200, reply.text);
      assert.equal(sameReplyWithin(reply.text, expected.bruce, 2), undefined);
    });

    test("the reference's exact 400 texts", async () => {
      const cases: [string, RequestInit, string][] = [
        ["GET", { method: "GET" }, IMAGE_REQUEST_TEXTS.notPost],
        ["image/jpg", { method: "POST", body: BRUCE, headers: { "content-type": "image/jpg" } }, IMAGE_REQUEST_TEXTS.badContentType],
        ["octet-stream", { method: "POST", body: BRUCE, headers: { "content-type": "application/octet-stream" } }, IMAGE_REQUEST_TEXTS.badContentType],
        ["no type", { method: "POST", body: new Blob([BRUCE]) }, IMAGE_REQUEST_TEXTS.badContentType],
        ["urlencoded without image", { method: "POST", body: new URLSearchParams({ picture: "abc" }) }, IMAGE_REQUEST_TEXTS.missingImageField],
      ];
      const wrongPart = new FormData();
      wrongPart.append("image", new Blob([BRUCE], { type: "text/plain" }), "x.txt");
      cases.push(["part type text/plain", { method: "POST", body: wrongPart }, IMAGE_REQUEST_TEXTS.badPartType]);
      const noPart = new FormData();
      noPart.append("picture", new Blob([BRUCE], { type: "image/jpeg" }), "x.jpg");
      cases.push(["multipart without image", { method: "POST", body: noPart }, IMAGE_REQUEST_TEXTS.noImagePart]);
      const textField = new FormData();
      textField.append("image", "not a file");
      cases.push(["image as a text field", { method: "POST", body: textField }, IMAGE_REQUEST_TEXTS.noImagePart]);
      for (const [name, init, text] of cases) {
        const response = await fetch(url("/detector/detect/"), init);
        assert.equal(response.status, 400, name);
        assert.equal(await response.text(), text, name);
        assert.equal(response.headers.get("content-type"), HTML, name);
      }
    });

    test("undecodable image and empty body: 400 with a JSON error", async () => {
      for (const body of [new Uint8Array(0), BRUCE.slice(0, 600), new TextEncoder().encode("hello")]) {
        const reply = await post(url("/detector/detect/"), body, { "content-type": "image/jpeg" });
        assert.equal(reply.status, 400);
        const json = JSON.parse(reply.text);
        assert.equal(json.success, "false");
        assert.match(json.error, /^Cannot decode the image: ./);
      }
      const badBase64 = await post(url("/detector/detect/"), new URLSearchParams({ image: "QUJD\nRA" }));
      assert.equal(badBase64.status, 400);
      assert.match(badBase64.text, /padding/);
    });

    test("301 to the trailing-slash path with an empty body; unknown paths 404", async () => {
      const redirect = await post(url("/detector/detect?x=1"), BRUCE, { "content-type": "image/jpeg" });
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get("location"), "/detector/detect/?x=1");
      assert.equal(redirect.text, "");
      const test301 = await fetch(url("/test"), { redirect: "manual" });
      assert.equal(test301.status, 301);
      assert.equal(test301.headers.get("location"), "/test/");
      for (const path of ["/nope/", "/detector/", "/static/../etc/passwd", "/ws/unknown/"]) {
        const response = await fetch(url(path));
        assert.equal(response.status, 404, path);
        assert.match(await response.text(), /<h1>Not Found<\/h1>/);
      }
    });

    test("GET and HEAD /test/ exact text; other methods 400", async () => {
      const get = await fetch(url("/test/"));
      assert.equal(get.status, 200);
      assert.equal(await get.text(), "Valid GET Request to server");
      const head = await fetch(url("/test/"), { method: "HEAD" });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), "");
      const put = await fetch(url("/test/"), { method: "POST" });
      assert.equal(put.status, 400);
      assert.equal(await put.text(), INFO_TEXTS.testBadMethod);
    });

    test("capabilities reflect the loaded tasks; usage gives cpu_util and mem_util numbers", async () => {
      const caps = await fetch(url("/server/capabilities/"));
      assert.equal(await caps.text(), '{"success": "true", "gpu_support": false, "tasks": ["face-detection"], "load_on_first_use": []}');
      const badCaps = await fetch(url("/server/capabilities/"), { method: "POST" });
      assert.equal(await badCaps.text(), INFO_TEXTS.capabilitiesBadMethod);
      for (let i = 0; i < 2; i++) {
        const usage = await (await fetch(url("/server/usage/"))).text();
        assert.match(usage, /^\{"cpu_util": \d+\.\d, "mem_util": \d+\.\d\}$/);
        const json = JSON.parse(usage);
        assert.ok(json.cpu_util >= 0 && json.cpu_util <= 100 && json.mem_util > 0 && json.mem_util <= 100, usage);
      }
      const badUsage = await fetch(url("/server/usage/"), { method: "POST" });
      assert.equal(await badUsage.text(), INFO_TEXTS.usageBadMethod);
    });

    test("getdata sends N bytes of Z; uploaddata counts the body", async () => {
      for (const n of [0, 1, 100_000]) {
        const body = await (await fetch(url(`/getdata/?numbytes=${n}`))).text();
        assert.equal(body, "Z".repeat(n));
      }
      const missing = await fetch(url("/getdata/"));
      assert.equal(missing.status, 400);
      assert.equal(await missing.text(), INFO_TEXTS.getDataMissing);
      assert.equal(await (await fetch(url("/getdata/?numbytes=3"), { method: "POST" })).text(), INFO_TEXTS.getDataBadMethod);
      for (const size of [0, 1, 500_000]) {
        const reply = await post(url("/uploaddata/"), new Uint8Array(size));
        assert.equal(reply.status, 200);
        assert.match(reply.text, /^\{"bytes_read": \d+, "elapsed_ms": \d+\.\d+, "mbps": "\d+\.\d{3}"\}$/);
        assert.equal(JSON.parse(reply.text).bytes_read, size);
      }
      assert.equal(await (await fetch(url("/uploaddata/"))).text(), INFO_TEXTS.uploadBadMethod);
    });

    test("reference routes left out on purpose answer 501 with the reason; their slash-less forms get the 301", async () => {
      for (const [path, error] of Object.entries(UNSUPPORTED_ROUTES)) {
        for (const method of ["GET", "POST"]) {
          const reply = await fetch(url(path), { method, body: method === "POST" ? "url=http://example.com/x" : undefined });
          assert.equal(reply.status, 501, path);
          assert.equal(reply.headers.get("content-type"), "text/html; charset=utf-8");
          assert.equal(await reply.text(), `{"success": "false", "error": "${error}"}`);
        }
        const bare = await fetch(url(path.slice(0, -1)), { redirect: "manual" });
        assert.equal(bare.status, 301);
        assert.equal(bare.headers.get("location"), path);
        await bare.body?.cancel();
      }
    });

    test("tasks that are not loaded answer as a reference server without them", async () => {
      const pose = await post(url("/openpose/detect/"), BRUCE, { "content-type": "image/jpeg" });
      assert.equal(pose.status, 501);
      assert.equal(pose.text, '{"success": "false", "error": "OpenPose not supported on this server"}');
      const objects = await post(url("/object/detect/"), BRUCE, { "content-type": "image/jpeg" });
      assert.equal(objects.status, 501);
      assert.equal(objects.text, '{"success": "false", "error": "Object detection not supported on this server"}');
      // Recognition disabled, detection running: the reference's "No Training Password" reply (§3.2).
      const recognizer = await post(url("/recognizer/predict/"), BRUCE, { "content-type": "image/jpeg" });
      assert.equal(recognizer.status, 200);
      const face = rectNumbers(expected.bruce);
      assert.match(recognizer.text, /^\{"success": "true", "subject": "No Training Password", "confidence": "0.000", "server_processing_time": "\d+\.\d{3}", "rect": \[\d+, \d+, \d+, \d+\]\}$/);
      assert.ok(rectNumbers(recognizer.text).every((v, i) => Math.abs(v - (face[i] as number)) <= 2));
    });
  });
}
