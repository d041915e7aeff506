/**
 * Memory limits on the real server under Deno, Node and Bun (two workers, face detection and
 * objects, 1 MiB messages): an image declaring 6324×6324 in 8,957 bytes is refused from its
 * header on REST and WebSocket while normal frames are answered; objects loads on its first
 * request (and says so in /server/capabilities/ until then); an oversized WebSocket frame is
 * refused at its header (close 1009) on Node and Bun, while Deno — whose WebSocket API has no
 * size option — buffers it up to its own 64 MiB cap and answers the protocol's error.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { withDeclaredJpegSize } from "../../scripts/memory/hostile-inputs.ts";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "./server-process.ts";

const BRUCE = fixture("Bruce.jpg");
const HUGE = withDeclaredJpegSize(BRUCE, 6324, 6324);
const MAX_BODY = 1024 * 1024;
const TOO_LARGE = "Cannot decode the image: Image is too large: 6324x6324 is 39992976 pixels, above the limit of 4194304";

/** Opens a WebSocket, sends one message, resolves with the reply text or `closed CODE`. */
async function wsSend(port: number, body: Uint8Array): Promise<string> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/detector/detect/`);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const outcome = new Promise<string>((resolve) => {
    socket.once("message", (data) => resolve(String(data)));
    socket.once("close", (code) => resolve(`closed ${code}`));
  });
  socket.send(body);
  const result = await outcome;
  socket.terminate();
  return result;
}

for (const runtime of RUNTIMES) {
  describe(`memory limits on ${runtime}`, () => {
    let server: ServerProcess;
    before(async () => {
      server = await startServer(runtime, ["--pool-size", "2", "--tasks", "face-detection,objects", "--max-body-bytes", String(MAX_BODY)]);
    });
    after(async () => {
      await server?.stop();
    });

    test("a huge declared size is refused from the header on REST and WebSocket; normal frames still answered", async () => {
      const rest = await post(`${server.base}/detector/detect/`, HUGE, { "content-type": "image/jpeg" });
      assert.equal(rest.status, 400);
      assert.equal(JSON.parse(rest.text).error, TOO_LARGE);
      assert.equal(JSON.parse(await wsSend(server.port, HUGE)).error, TOO_LARGE);
      const normal = await post(`${server.base}/detector/detect/`, BRUCE, { "content-type": "image/jpeg" });
      assert.equal(normal.status, 200);
      assert.match(normal.text, /"rects": \[\[\d+, \d+, \d+, \d+\]\]/);
    });

    test("objects loads on its first request; capabilities say so", async () => {
      const caps = await (await fetch(`${server.base}/server/capabilities/`)).text();
      assert.match(caps, /"tasks": \["face-detection", "objects"\], "load_on_first_use": \["objects"\]\}$/);
      const reply = await post(`${server.base}/object/detect/`, fixture("laptop_person.jpeg"), { "content-type": "image/jpeg" });
      assert.equal(reply.status, 200);
      assert.match(reply.text, /"class": "person"/);
    });

    test("an oversized WebSocket frame: 1009 at the frame header on Node and Bun; Deno buffers it, then the protocol's error", async () => {
      const result = await wsSend(server.port, new Uint8Array(MAX_BODY + 1));
      if (runtime === "deno") assert.equal(JSON.parse(result).error, `Message too large: the limit is "${MAX_BODY}" bytes`);
      else assert.equal(result, "closed 1009");
    });
  });
}
