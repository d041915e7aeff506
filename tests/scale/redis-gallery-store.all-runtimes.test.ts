// The Redis gallery against a real redis-server, under Node, Deno and Bun (so the client is
// proven on all three): changes reach another store within a second, missed notices are caught
// up, an outage refuses changes at once while reads keep answering, and a Redis restart loses nothing.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "@redis/client";
import { openRedisGalleryStore } from "../../src/server/gallery/redis-gallery-store.ts";
import { GalleryUnavailableError } from "../../src/server/gallery/gallery-unavailable-error.ts";
import { float32ToBase64 } from "../../src/server/gallery/gallery-log.ts";
import type { GalleryStore } from "../../src/server/gallery/gallery-store.ts";
import { type RedisProcess, startRedis } from "./redis-process.ts";
import { skipUnlessInstalled } from "./system-programs.ts";

const skip = skipUnlessInstalled("redis-server");
const owner = { ownerId: "owner-1", ownerName: "Owner" };
const vector = (...values: number[]) => Float32Array.from(values);

/** Polls until `condition` holds; returns the milliseconds it took. */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (await condition()) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`);
}

const names = async (store: GalleryStore) => (await store.listSubjects()).map((s) => `${s.name}:${s.embeddingCount}`).join(",");

describe("Redis gallery store", { skip }, () => {
  let redis: RedisProcess;
  let a: GalleryStore;
  let b: GalleryStore;
  const silent = () => {};

  before(async () => {
    redis = await startRedis();
    a = await openRedisGalleryStore({ url: redis.url, keyPrefix: "t1:", maxEmbeddingsPerSubject: 3, pollIntervalMs: 200, log: silent });
    b = await openRedisGalleryStore({ url: redis.url, keyPrefix: "t1:", maxEmbeddingsPerSubject: 3, pollIntervalMs: 200, log: silent });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await redis?.dispose();
  });

  it("shows an enrolment and a removal made on one server on the other within a second", async () => {
    assert.deepEqual(a.health?.(), { reachable: true, loaded: true, backend: `redis 127.0.0.1:${redis.port}/0` });
    const revision = b.revision;
    const summary = await a.addEmbeddings("Zoë \"Z\" : x", owner, [vector(1, 2, 3)]);
    assert.equal(summary.embeddingCount, 1);
    const reached = await waitUntil(async () => (await names(b)) === "Zoë \"Z\" : x:1", 1000);
    assert.ok(b.revision > revision);
    assert.deepEqual((await b.allEmbeddings())[0]?.embeddings, [vector(1, 2, 3)]);
    console.log(`enrolment reached the other store in ${reached.toFixed(1)} ms`);
    assert.equal(await b.removeSubject("Zoë \"Z\" : x"), true);
    assert.equal(await b.removeSubject("Zoë \"Z\" : x"), false);
    await waitUntil(async () => (await names(a)) === "", 1000);
  });

  it("keeps the newest embeddings per subject on every server", async () => {
    await a.addEmbeddings("Ada", owner, [vector(1), vector(2)]);
    await b.addEmbeddings("Ada", { ownerId: "owner-2", ownerName: "Other" }, [vector(3), vector(4)]);
    await waitUntil(async () => (await a.allEmbeddings()).find((s) => s.name === "Ada")?.embeddings.length === 3 && (await a.listSubjects())[0]?.ownerId === "owner-2", 1000);
    for (const store of [a, b]) {
      assert.deepEqual((await store.allEmbeddings()).find((s) => s.name === "Ada")?.embeddings, [vector(2), vector(3), vector(4)]);
    }
  });

  it("skips and reports stored embeddings of the wrong length, and refuses to store them", async () => {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      await raw.multi().rPush("t2:embeddings:Broken", [float32ToBase64(new Float32Array(3)), float32ToBase64(new Float32Array(4)), "not base64!"])
        .hSet("t2:subjects", "Broken", JSON.stringify({ ...owner, updatedAt: new Date().toISOString() }))
        .rPush("t2:embeddings:Short", float32ToBase64(new Float32Array(3)))
        .hSet("t2:subjects", "Short", JSON.stringify({ ...owner, updatedAt: new Date().toISOString() }))
        .incr("t2:revision").exec();
    } finally {
      await raw.close();
    }
    const logged: string[] = [];
    const store = await openRedisGalleryStore({ url: redis.url, keyPrefix: "t2:", embeddingLength: 4, log: (m) => logged.push(m) });
    try {
      assert.equal(await names(store), "Broken:1");
      assert.match(logged.join("\n"), /skipped 2 invalid embedding\(s\) of "Broken" in Redis \(an embedding has 3 values, 4 expected\)/);
      assert.match(logged.join("\n"), /skipped 1 invalid embedding\(s\) of "Short"/);
      await assert.rejects(store.addEmbeddings("Ada", owner, [new Float32Array(127)]), /embedding 1 has 127 values, 4 expected/);
      assert.equal(await names(store), "Broken:1");
    } finally {
      await store.close();
    }
  });

  it("catches up on a change whose notice it never got (revision poll)", async () => {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      // Written as another server would, but without publishing the notice.
      await raw.multi().rPush("t1:embeddings:Silent", float32ToBase64(vector(9)))
        .hSet("t1:subjects", "Silent", JSON.stringify({ ...owner, updatedAt: new Date().toISOString() }))
        .incr("t1:revision").exec();
    } finally {
      await raw.close();
    }
    await waitUntil(async () => (await names(a)).includes("Silent:1") && (await names(b)).includes("Silent:1"), 2000);
  });

  it("refuses changes at once while Redis is down, answers reads from the last gallery, and loses nothing over a restart", async () => {
    const before = await names(a);
    await redis.stop();
    await waitUntil(() => Promise.resolve(a.health?.().reachable === false), 3000);
    await assert.rejects(a.addEmbeddings("Grace", owner, [vector(5)]), (error) => {
      assert.ok(error instanceof GalleryUnavailableError);
      assert.match(error.message, /unreachable: enrolment and removal are refused/);
      return true;
    });
    await assert.rejects(b.removeSubject("Ada"), GalleryUnavailableError);
    assert.equal(await names(a), before);
    assert.equal((await b.allEmbeddings()).length, before.split(",").length);

    await redis.start();
    await waitUntil(() => Promise.resolve(a.health?.().reachable === true && b.health?.().reachable === true), 10_000);
    assert.equal(await names(a), before);
    await a.addEmbeddings("Grace", owner, [vector(5)]);
    await waitUntil(async () => (await names(b)).includes("Grace:1"), 1000);
    // A new server started now loads everything from the restarted Redis.
    const c = await openRedisGalleryStore({ url: redis.url, keyPrefix: "t1:", log: silent });
    try {
      assert.equal(await names(c), await names(a));
    } finally {
      await c.close();
    }
  });

  it("starts unloaded when Redis is not there, and loads once it is", async () => {
    const lines: string[] = [];
    const url = redis.url;
    await redis.stop();
    const d = await openRedisGalleryStore({ url, keyPrefix: "t1:", connectWaitMs: 300, log: (line) => lines.push(line) });
    try {
      assert.deepEqual({ ...d.health?.(), backend: "" }, { reachable: false, loaded: false, backend: "" });
      assert.ok(lines.some((line) => line.includes("did not answer at start-up")), lines.join("\n"));
      await redis.start();
      await waitUntil(() => Promise.resolve(d.health?.().loaded === true), 10_000);
      assert.ok((await names(d)).includes("Grace:1"));
    } finally {
      await d.close();
    }
  });
});
