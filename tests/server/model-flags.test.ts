/**
 * The server's model flags reach every worker's engine: a Deno server (the edge-box path, with
 * `deno task serve`'s permissions) started with `--face-model full --pose-model lightning
 * --objects-min-score 0.15` answers as those models do, over real sockets.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fixture, post, type ServerProcess, startServer } from "./server-process.ts";
import { inProcessFaceDetection, sameReplyWithin } from "./reference-expectations.ts";

const GROUP = fixture("groups/sample2.jpg");

describe("model flags on the Deno server", () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServer("deno", [
      "--pool-size", "1", "--tcp-port", "off", "--tasks", "face-detection,pose,objects",
      "--face-model", "full", "--pose-model", "lightning", "--objects-min-score", "0.15",
    ]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `clean exit expected on SIGTERM:\n${server.output()}`);
  });

  test("--face-model full: the group photo gets the full-range model's faces, not the short-range model's", async () => {
    const [short, full] = [(await inProcessFaceDetection([GROUP], "short"))[0]!, (await inProcessFaceDetection([GROUP], "full"))[0]!];
    const count = (reply: string) => (JSON.parse(reply) as { rects?: unknown[] }).rects?.length ?? 0;
    assert.ok(count(full) > count(short), `precondition: full-range finds more faces here (${count(full)} vs ${count(short)})`);
    const reply = await post(`${server.base}/detector/detect/`, GROUP, { "content-type": "image/jpeg" });
    assert.equal(reply.status, 200);
    assert.equal(count(reply.text), count(full), reply.text);
    assert.equal(sameReplyWithin(reply.text, full, 2), undefined);
  });

  test("--pose-model lightning: one person even in the six-person photo", async () => {
    const reply = await post(`${server.base}/openpose/detect/`, fixture("6_bodies.jpg"), { "content-type": "image/jpeg" });
    const poses = (JSON.parse(reply.text) as { poses: number[][][] }).poses;
    assert.equal(poses.length, 1, reply.text);
    assert.equal(poses[0]!.length, 25);
  });

  test("--objects-min-score 0.15: objects_001.jpg's bicycle and chair are reported", async () => {
    const reply = await post(`${server.base}/object/detect/`, fixture("objects_001.jpg"), { "content-type": "image/jpeg" });
    const classes = (JSON.parse(reply.text) as { objects: { class: string; confidence: string }[] }).objects.map((o) => o.class);
    for (const name of ["bicycle", "chair", "laptop"]) assert.ok(classes.includes(name), `${name} in ${classes.join(", ")}`);
  });

  test("a bad model name stops the server at start-up with the flag's name in the message", async () => {
    await assert.rejects(startServer("node", ["--face-model", "tiny"]), /--face-model must be "short" or "full", got "tiny"/);
  });
});
