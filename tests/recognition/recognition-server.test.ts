/**
 * Face recognition end to end over real sockets: the Node server entry with a temporary data
 * directory, enrolment through the FaceTrainingServer routes, recognition over REST and WebSocket,
 * removal, bad inputs, and a restart that must find the gallery intact.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import WebSocket from "ws";
import { type ServerProcess, startServer } from "../server/server-process.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const ENROLLED = ["Bruce_Armstrong", "Lev", "Rolf_Muralt"];
const STRANGER = "Wonho_Park";
const OWNER = { owner_id: "owner-1", owner_name: "Test Owner" };

/** Photo bytes per person, in file-name order. */
const photos = new Map<string, Uint8Array[]>();
let dataDir = "";
let server: ServerProcess;

async function loadPhotos(): Promise<void> {
  for (const person of [...ENROLLED, STRANGER]) {
    const dir = new URL(`faces/${person}/`, FIXTURES);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".png")).sort();
    photos.set(person, await Promise.all(files.map(async (f) => new Uint8Array(await readFile(new URL(f, dir))))));
  }
}

const photo = (person: string, index: number): Uint8Array => photos.get(person)![index]!;
const fixture = async (name: string) => new Uint8Array(await readFile(new URL(name, FIXTURES)));
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** POSTs a form-urlencoded body (the reference training server's encoding). */
async function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(server.base + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, text: await response.text() };
}

async function postRaw(path: string, bytes: Uint8Array, type = "image/png") {
  const response = await fetch(server.base + path, { method: "POST", headers: { "content-type": type }, body: bytes as Uint8Array<ArrayBuffer> });
  return { status: response.status, text: await response.text() };
}

async function predict(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const reply = await postRaw("/recognizer/predict/", bytes);
  assert.equal(reply.status, 200, reply.text);
  return JSON.parse(reply.text);
}

async function subjects(headers: Record<string, string> = {}) {
  const response = await fetch(`${server.base}/api/subjects`, { headers });
  return { status: response.status, body: response.status === 200 ? await response.json() : await response.text() };
}

describe("face recognition server", { concurrency: false }, () => {
  before(async () => {
    await loadPhotos();
    dataDir = await mkdtemp(join(tmpdir(), "edgevision-recognition-"));
    server = await startServer("node", ["--pool-size", "1", "--data-dir", dataDir, "--tasks", "face-recognition"]);
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says so when nobody is enrolled", async () => {
    const reply = await predict(photo("Lev", 0));
    assert.equal(reply.success, "true");
    assert.equal(reply.subject, "Unknown");
    assert.equal(reply.reason, "No subjects enrolled");
    assert.match(server.output(), /No trainer token configured/);
  });

  it("enrols three people through /trainer/add/ and /trainer/train/, in every image encoding", async () => {
    for (const person of ENROLLED) {
      // 1: base64 form field, as the reference
      let reply = await postForm("/trainer/add/", { ...OWNER, subject: person, image: base64(photo(person, 0)) });
      assert.equal(reply.status, 200, reply.text);
      assert.match(reply.text, /^\{"success": "true", "rects": \[\[\d+, \d+, \d+, \d+\]\], "server_processing_time": "\d+\.\d{3}"\}$/);
      // 2: multipart file part
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...OWNER, subject: person })) form.append(k, v);
      form.append("image", new Blob([photo(person, 1) as Uint8Array<ArrayBuffer>], { type: "image/png" }), "face.png");
      const multipart = await fetch(`${server.base}/trainer/add/`, { method: "POST", body: form });
      assert.match(await multipart.text(), /^\{"success": "true"/);
      // 3: raw body (the Android app's current upload) with the fields in the query string
      const query = new URLSearchParams({ ...OWNER, subject: person });
      reply = await postRaw(`/trainer/add/?${query}`, photo(person, 2));
      assert.match(reply.text, /^\{"success": "true"/);

      reply = await postForm("/trainer/train/", { owner_name: OWNER.owner_name, subject: person });
      assert.match(reply.text, /^\{"success": "true", "server_processing_time": "\d+\.\d{3}"\}$/);
    }
    const listed = await subjects();
    assert.deepEqual(listed.body.subjects.map((s: { name: string; embeddingCount: number; ownerId: string }) => [s.name, s.embeddingCount, s.ownerId]),
      ENROLLED.map((name) => [name, 3, OWNER.owner_id]));
  });

  it("recognises the held-out photos of the enrolled people and rejects the fourth", async () => {
    for (const person of ENROLLED) {
      for (const index of [3, 6, 9]) {
        const reply = await predict(photo(person, index));
        assert.equal(reply.subject, person, `${person} photo ${index}: ${JSON.stringify(reply)}`);
        assert.ok(Number(reply.confidence) < 105, `confidence ${reply.confidence}`);
        assert.match(String(reply.confidence), /^\d+\.\d{3}$/);
        assert.equal((reply.rect as number[]).length, 4);
      }
    }
    for (const index of [0, 5, 10, 15, 20]) {
      const reply = await predict(photo(STRANGER, index));
      assert.equal(reply.subject, "Unknown", JSON.stringify(reply));
      assert.ok(Number(reply.confidence) >= 105);
    }
  });

  it("answers in the reference format over the WebSocket, persistent TCP and /trainer/predict/", async () => {
    const socket = new WebSocket(`${server.base.replace("http", "ws")}/ws/recognizer/predict/`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const text = await new Promise<string>((resolve) => {
      socket.once("message", (data) => resolve(String(data)));
      socket.send(photo("Lev", 4));
    });
    socket.close();
    assert.match(text, /^\{"success": "true", "subject": "Lev", "confidence": "\d+\.\d{3}", "server_processing_time": "\d+\.\d{3}", "rect": \[\d+, \d+, \d+, \d+\]\}$/);

    // Persistent TCP, opcode 2: 4-byte opcode + 4-byte length (big-endian), reply framed by a 4-byte length.
    assert.ok(server.tcpPort !== undefined, "the server printed no TCP port");
    const image = photo("Bruce_Armstrong", 8);
    const tcpText = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.tcpPort!, "127.0.0.1", () => {
        const header = Buffer.alloc(8);
        header.writeUInt32BE(2, 0);
        header.writeUInt32BE(image.length, 4);
        socket.write(Buffer.concat([header, image]));
      });
      let received: Buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 4 && received.length >= 4 + received.readUInt32BE(0)) {
          socket.end();
          resolve(received.subarray(4, 4 + received.readUInt32BE(0)).toString("utf8"));
        }
      });
      socket.on("error", reject);
    });
    assert.match(tcpText, /^\{"success": "true", "subject": "Bruce_Armstrong", "confidence": "\d+\.\d{3}"/);

    const reply = await postForm("/trainer/predict/", { image: base64(photo("Rolf_Muralt", 5)) });
    assert.equal(JSON.parse(reply.text).subject, "Rolf_Muralt");
    const wrongType = await fetch(`${server.base}/trainer/predict/`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    assert.equal(wrongType.status, 400);
    assert.equal(await wrongType.text(), "Content-Type must be 'application/x-www-form-urlencoded'");
    const noFace = await predict(await fixture("single_pixel.png"));
    assert.deepEqual(Object.keys(noFace), ["success", "server_processing_time"]);
    assert.equal(noFace.success, "false");
  });

  it("refuses bad enrolments with the reference's errors and keeps serving", async () => {
    const add = (fields: Record<string, string>) => postForm("/trainer/add/", fields);
    const image = base64(photo("Lev", 1));
    assert.deepEqual(await add({ owner_name: "n", subject: "s", image }), { status: 400, text: "Missing 'owner_id' parameter" });
    assert.deepEqual(await add({ owner_id: "i", subject: "s", image }), { status: 400, text: "Missing 'owner_name' parameter" });
    assert.deepEqual(await add({ ...OWNER, image }), { status: 400, text: "Missing 'subject' parameter" });
    assert.deepEqual(await add({ ...OWNER, subject: "s" }), { status: 400, text: "Missing 'image' parameter" });
    assert.deepEqual(await add({ ...OWNER, subject: "s", image: "" }), { status: 400, text: "Missing 'image' parameter" });

    const none = await add({ ...OWNER, subject: "Nobody", image: base64(await fixture("empty_portrait_black.png")) });
    assert.match(none.text, /^\{"success": "false", "reason": "No face detected", "server_processing_time": "\d+\.\d{3}"\}$/);
    const several = await add({ ...OWNER, subject: "Crowd", image: base64(await fixture("face_triple.jpg")) });
    assert.match(several.text, /^\{"success": "false", "reason": "More than 1 face", "server_processing_time": "\d+\.\d{3}"\}$/);
    const garbage = await add({ ...OWNER, subject: "Garbage", image: base64(new TextEncoder().encode("definitely not an image")) });
    assert.equal(garbage.status, 400);
    assert.match(garbage.text, /"success": "false", "error": "Cannot decode the image/);
    const truncated = await add({ ...OWNER, subject: "Garbage", image: base64(photo("Lev", 1).subarray(0, 400)) });
    assert.equal(truncated.status, 400);
    assert.deepEqual((await postForm("/trainer/train/", { owner_name: "n" })), { status: 400, text: "Missing 'subject' parameter" });
    assert.match((await postForm("/trainer/train/", { owner_name: "n", subject: "Nobody" })).text, /"success": "false", "reason": "Subject not found"/);

    const names = (await subjects()).body.subjects.map((s: { name: string }) => s.name);
    assert.deepEqual(names, ENROLLED, "failed enrolments must not create subjects");
    const test = await fetch(`${server.base}/trainer/test/`);
    assert.equal(await test.text(), "Valid GET Request to server");
  });

  it("works as /recognizer/add/ and /recognizer/train/ with a subject field", async () => {
    assert.deepEqual(await postForm("/recognizer/train/", {}), { status: 400, text: "Missing 'subject' parameter" });
    assert.deepEqual(await postForm("/recognizer/train/", { subject: "Lev" }), { status: 200, text: "OK\n" });
    const added = await postRaw(`/recognizer/add/?subject=Lev`, photo("Lev", 7));
    assert.match(added.text, /^\{"success": "true", "rects": /);
    assert.equal((await subjects()).body.subjects.find((s: { name: string }) => s.name === "Lev").embeddingCount, 4);
  });

  it("refuses a cross-site form POST to /trainer/remove/ and keeps the subject; same-origin and plain clients go through", async () => {
    const form = { ...OWNER, subject: "Rolf_Muralt" };
    const evil = await postForm("/trainer/remove/", form, { origin: "http://evil.example" });
    assert.deepEqual(evil, { status: 403, text: "Cross-site request refused" });
    const fetchMetadata = await postForm("/trainer/remove/", form, { "sec-fetch-site": "cross-site" });
    assert.deepEqual(fetchMetadata, { status: 403, text: "Cross-site request refused" });
    assert.equal((await subjects({ origin: "http://evil.example" })).status, 403);
    assert.ok((await subjects()).body.subjects.some((s: { name: string }) => s.name === "Rolf_Muralt"));
    // The demo page on the server's own origin, and a MobiledgeX client (no Origin) on loopback, may enrol.
    const sameOrigin = await postForm("/recognizer/train/", { subject: "Lev" }, { origin: server.base, "sec-fetch-site": "same-origin" });
    assert.deepEqual(sameOrigin, { status: 200, text: "OK\n" });
    const response = await fetch(`${server.base}/trainer/remove/`, { method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
    assert.equal(response.headers.get("access-control-allow-origin"), null, "CORS stays off unless configured");
    await response.body?.cancel();
  });

  it("removes subjects through /trainer/remove/ and DELETE /api/subjects/:name", async () => {
    assert.deepEqual(await postForm("/trainer/remove/", { ...OWNER, subject: "Rolf_Muralt" }), { status: 200, text: '{"success": "true"}' });
    const deleted = await fetch(`${server.base}/api/subjects/Lev`, { method: "DELETE" });
    assert.deepEqual(await deleted.json(), { removed: "Lev" });
    const again = await fetch(`${server.base}/api/subjects/Lev`, { method: "DELETE" });
    assert.equal(again.status, 404);
    await again.body?.cancel();
    assert.deepEqual((await subjects()).body.subjects.map((s: { name: string }) => s.name), ["Bruce_Armstrong"]);
    const lastUpdate = Number(await (await fetch(`${server.base}/trainer/lastupdate/`)).text());
    assert.ok(Math.abs(lastUpdate - Date.now() / 1000) < 60, `lastupdate ${lastUpdate}`);
    assert.equal((await predict(photo("Lev", 3))).subject, "Unknown");
    assert.equal((await predict(photo("Rolf_Muralt", 3))).subject, "Unknown");
  });

  it("finds the gallery intact after a restart, serves the trainer port, and enforces a configured token", async () => {
    await server.stop();
    server = await startServer("node", ["--pool-size", "1", "--data-dir", dataDir, "--tasks", "face-recognition", "--trainer-token", "s3cret", "--trainer-port", "0"]);
    assert.doesNotMatch(server.output(), /No trainer token configured/);
    // The same app also answers on the trainer port (the reference's 8009).
    assert.ok(server.trainerUrl !== undefined && server.trainerUrl !== server.base);
    assert.equal(await (await fetch(`${server.trainerUrl}/trainer/test/`)).text(), "Valid GET Request to server");
    const auth = { authorization: "Bearer s3cret" };
    assert.equal((await subjects()).status, 401);
    const listed = await subjects(auth);
    assert.deepEqual(listed.body.subjects.map((s: { name: string; embeddingCount: number }) => [s.name, s.embeddingCount]), [["Bruce_Armstrong", 3]]);
    assert.equal((await predict(photo("Bruce_Armstrong", 10))).subject, "Bruce_Armstrong");

    const fields = { ...OWNER, subject: "Lev", image: base64(photo("Lev", 0)) };
    const denied = await postForm("/trainer/add/", fields);
    assert.deepEqual(denied, { status: 401, text: "Missing or wrong trainer token" });
    assert.equal((await postForm("/trainer/add/", fields, { "x-trainer-token": "wrong" })).status, 401);
    assert.match((await postForm("/trainer/add/", fields, { "x-trainer-token": "s3cret" })).text, /^\{"success": "true"/);
    assert.equal((await postForm("/trainer/remove/", { ...OWNER, subject: "Lev" })).status, 401);
    assert.equal((await postForm("/trainer/remove/", { ...OWNER, subject: "Lev" }, { "x-trainer-token": "s3cret", origin: "http://evil.example" })).status, 403);
    assert.equal((await predict(photo("Lev", 5))).subject, "Lev");
  });
});
