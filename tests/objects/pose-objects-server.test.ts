/**
 * /openpose/detect/ and /object/detect/ on the real server process under Deno, Node and Bun,
 * over real sockets (REST and WebSocket): real models, real images, the reference's reply form.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { fixture, post, RUNTIMES, type ServerProcess, startServer } from "../server/server-process.ts";

const HOLLY = fixture("HollyGolfPose.jpg");
const BRUCE = fixture("Bruce.jpg");
const PIXEL = fixture("single_pixel.png");
const TIME = '"server_processing_time": "\\d+\\.\\d{3}"';

/** Sends one binary frame on a fresh WebSocket and resolves with the text reply. */
function askOverWebSocket(url: string, image: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("error", reject);
    socket.once("open", () => socket.send(image, { binary: true }));
    socket.once("message", (data, isBinary) => {
      socket.close();
      if (isBinary) reject(new Error("Expected a text frame"));
      else resolve(data.toString());
    });
  });
}

for (const runtime of RUNTIMES) {
  describe(`pose and objects endpoints on ${runtime}`, () => {
    let server: ServerProcess;
    before(async () => {
      server = await startServer(runtime, ["--pool-size", "1", "--tasks", "pose,objects", "--tcp-port", "off"]);
    });
    after(async () => {
      assert.equal(await server.stop(), 0, `clean exit expected on SIGTERM:\n${server.output()}`);
    });

    test("REST /openpose/detect/: one person of 25 BODY_25 float triples in HollyGolfPose.jpg", async () => {
      const reply = await post(`${server.base}/openpose/detect/`, HOLLY, { "content-type": "image/jpeg" });
      assert.equal(reply.status, 200);
      assert.match(reply.text, new RegExp(`^\\{"success": "true", ${TIME}, "poses": \\[\\[\\[`));
      const { poses } = JSON.parse(reply.text) as { poses: number[][][] };
      assert.equal(poses.length, 1);
      assert.equal(poses[0]?.length, 25);
      const [x = 0, y = 0] = poses[0]?.[0] ?? [];
      assert.ok(Math.hypot(x - 81.45, y - 60.4) < 24, `nose at [${x}, ${y}], reference [81.45, 60.40]`);
      assert.match(reply.text, /\[0\.0, 0\.0, 0\.0\]\]\]\}$/); // RHeel: not a MoveNet keypoint
    });

    test("REST /object/detect/: Bruce.jpg's person in the reference's form; nothing in single_pixel.png", async () => {
      const reply = await post(`${server.base}/object/detect/`, BRUCE, { "content-type": "image/jpeg" });
      assert.equal(reply.status, 200);
      assert.match(reply.text, new RegExp(`^\\{"success": "true", ${TIME}, "gpu_support": false, "objects": \\[\\{"rect": \\[\\d+, \\d+, \\d+, \\d+\\], "class": "person", "confidence": "0\\.\\d\\d"\\}`));
      const none = await post(`${server.base}/object/detect/`, PIXEL, { "content-type": "image/png" });
      assert.match(none.text, new RegExp(`^\\{"success": "false", ${TIME}, "gpu_support": false\\}$`));
      const nobody = await post(`${server.base}/openpose/detect/`, PIXEL, { "content-type": "image/png" });
      assert.match(nobody.text, new RegExp(`^\\{"success": "false", ${TIME}\\}$`));
    });

    test("WebSocket /ws/openpose/detect/ and /ws/object/detect/ answer a frame with the REST JSON", async () => {
      const ws = server.base.replace(/^http/, "ws");
      const pose = await askOverWebSocket(`${ws}/ws/openpose/detect/`, HOLLY);
      assert.equal((JSON.parse(pose) as { poses: unknown[] }).poses.length, 1);
      const objects = await askOverWebSocket(`${ws}/ws/object/detect/`, BRUCE);
      assert.match(objects, /"class": "person"/);
    });
  });
}
