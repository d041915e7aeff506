// Three EdgeVision instances (Node, Deno, Bun) sharing a Redis gallery behind HAProxy (round
// robin, /readyz health checks), all real processes on this machine:
// - an enrolment through one instance reaches every instance (timed);
// - recognition through the balancer answers from all three, and their /metrics add up to what
//   the client counted per instance;
// - one instance is killed (SIGKILL) mid-load: no request is lost beyond those in flight then;
// - Redis stops: enrolment answers 503 with the reason, recognition keeps answering; Redis
//   restarts: the gallery is intact (append-only file), and a restarted instance loads it.
// Needs redis-server and haproxy (Debian); skipped with the reason when missing, failing under CI=true.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, type RuntimeName, type ServerProcess, startServer } from "../server/server-process.ts";
import { type HaproxyProcess, startHaproxy } from "./haproxy-process.ts";
import { scrape, skipUnlessParser, total } from "./metrics-text.ts";
import WebSocket from "ws";
import { type RedisProcess, startRedis } from "./redis-process.ts";
import { skipUnlessInstalled } from "./system-programs.ts";

const skip = skipUnlessInstalled("redis-server", "haproxy") || skipUnlessParser();
const TOKEN = "scale-test-trainer-token";
const RUNTIMES: RuntimeName[] = ["node", "deno", "bun"];
const faces = (person: string) => {
  const directory = join(ROOT, "tests", "fixtures", "faces", person);
  return readdirSync(directory).filter((name) => name.endsWith(".png")).sort().map((name) => new Uint8Array(readFileSync(join(directory, name))));
};
const bruce = faces("Bruce_Armstrong");
const lev = faces("Lev");

/** A recognition request; resolves with status, subject and the instance HAProxy chose. */
async function recognise(base: string, image: Uint8Array<ArrayBuffer>): Promise<{ status: number; subject: string | undefined; instance: string | null }> {
  const response = await fetch(`${base}/recognizer/predict/`, { method: "POST", body: image, headers: { "content-type": "image/png" } });
  const text = await response.text();
  let subject: string | undefined;
  try {
    subject = (JSON.parse(text) as { subject?: string }).subject;
  } catch {
    subject = undefined;
  }
  return { status: response.status, subject, instance: response.headers.get("x-edgevision-instance") };
}

/** Enrols as an operator does: multipart form with the trainer token. */
async function enrol(base: string, subject: string, image: Uint8Array<ArrayBuffer>): Promise<{ status: number; text: string }> {
  const form = new FormData();
  form.set("owner_id", "operator");
  form.set("owner_name", "Operator");
  form.set("subject", subject);
  form.set("image", new Blob([image], { type: "image/png" }), "face.png");
  const response = await fetch(`${base}/trainer/add/`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, text: await response.text() };
}

async function subjects(base: string): Promise<string[]> {
  const response = await fetch(`${base}/api/subjects`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = await response.json() as { subjects: { name: string }[] };
  return body.subjects.map((s) => s.name);
}

async function readiness(base: string): Promise<{ status: number; gallery?: { reachable: boolean; loaded: boolean } }> {
  const response = await fetch(`${base}/readyz`);
  const body = await response.json() as { checks: { gallery?: { reachable: boolean; loaded: boolean } } };
  return { status: response.status, gallery: body.checks.gallery };
}

async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (await condition().catch(() => false)) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe("three instances behind HAProxy with a Redis gallery", { skip }, () => {
  let redis: RedisProcess;
  let haproxy: HaproxyProcess;
  const instances = new Map<string, ServerProcess>();
  let dataDirectory: string;
  /** Replies with status 200 per instance, as the client saw them through the balancer. */
  const served = new Map<string, number>();
  const countServed = (instance: string | null) => {
    assert.ok(instance !== null, "HAProxy names the instance");
    served.set(instance, (served.get(instance) ?? 0) + 1);
  };
  const start = (runtime: RuntimeName) =>
    startServer(runtime, [
      "--pool-size", "1", "--tasks", "face-detection,face-recognition", "--tcp-port", "off",
      "--gallery", redis.url, "--trainer-token", TOKEN, "--data-dir", dataDirectory,
    ]);

  before(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), "scale-instances-"));
    redis = await startRedis();
    const started = await Promise.all(RUNTIMES.map(start));
    started.forEach((server) => instances.set(`edgevision-${server.runtime}`, server));
    haproxy = await startHaproxy(Object.fromEntries([...instances].map(([name, server]) => [name, server.port])));
  });

  after(async () => {
    await haproxy?.stop();
    await Promise.all([...instances.values()].map((server) => server.stop(5000)));
    await redis?.dispose();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it("an enrolment through one instance reaches all three within a second", async () => {
    const enrolled = await enrol(instances.get("edgevision-node")!.base, "Bruce", bruce[0]!);
    assert.equal(enrolled.status, 200, enrolled.text);
    assert.match(enrolled.text, /"success": "true"/);
    const reached = await waitUntil("Bruce on every instance", async () => {
      const lists = await Promise.all([...instances.values()].map((server) => subjects(server.base)));
      return lists.every((list) => list.includes("Bruce"));
    }, 1000);
    console.log(`# enrolment reached all 3 instances ${reached.toFixed(0)} ms after its reply`);
  });

  it("recognises through the balancer on all three, and their /metrics add up", async () => {
    for (let i = 0; i < 6; i++) {
      const reply = await recognise(haproxy.base, bruce[1 + (i % 3)]!);
      assert.equal(reply.status, 200);
      assert.equal(reply.subject, "Bruce");
      countServed(reply.instance);
    }
    assert.deepEqual([...served.keys()].sort(), [...instances.keys()].sort(), "round robin used every instance");
    // One WebSocket frame straight to the Deno instance: counted under its transport, with its stages.
    const socket = new WebSocket(`${instances.get("edgevision-deno")!.base.replace("http", "ws")}/ws/recognizer/predict/`);
    await new Promise((resolve, reject) => (socket.once("open", resolve), socket.once("error", reject)));
    const answer = new Promise<string>((resolve) => socket.once("message", (data) => resolve(String(data))));
    socket.send(bruce[2]!);
    assert.equal((JSON.parse(await answer) as { subject: string }).subject, "Bruce");
    socket.close();
    for (const [name, server] of instances) {
      const metrics = await scrape(server.base);
      assert.equal(total(metrics, "edgevision_requests_total", { transport: "rest", endpoint: "/recognizer/predict/", status: "200" }), served.get(name), name);
      assert.equal(total(metrics, "edgevision_gallery_subjects"), 1, name);
      const frames = name === "edgevision-deno" ? 1 : 0;
      assert.equal(total(metrics, "edgevision_requests_total", { transport: "websocket", status: "200" }), frames, name);
      assert.equal(total(metrics, "edgevision_stage_duration_seconds_count", { task: "face-recognition", stage: "infer" }), served.get(name)! + frames, name);
      assert.ok(total(metrics, "process_resident_memory_bytes") > 50e6, name);
      console.log(`# ${name}: RSS ${(total(metrics, "process_resident_memory_bytes") / 2 ** 20).toFixed(0)} MiB`);
    }
  });

  it("loses no request beyond those in flight when an instance is killed mid-load", async () => {
    const victim = instances.get("edgevision-bun")!;
    const clients = 4;
    const loadMs = 6000;
    const killAt = 2000;
    const begin = performance.now();
    let killedAt = Infinity;
    const log: { start: number; end: number; ok: boolean; instance: string | null }[] = [];
    const loop = async (client: number) => {
      for (let i = 0; performance.now() - begin < loadMs; i++) {
        const started = performance.now();
        const reply = await recognise(haproxy.base, bruce[(client + i) % bruce.length]!).catch(() => ({ status: 0, subject: undefined, instance: null }));
        const ok = reply.status === 200 && reply.subject === "Bruce";
        log.push({ start: started, end: performance.now(), ok, instance: reply.instance });
        if (ok) countServed(reply.instance);
      }
    };
    const kill = new Promise<void>((resolve) => setTimeout(() => {
      killedAt = performance.now();
      victim.child.kill("SIGKILL");
      resolve();
    }, killAt));
    await Promise.all([...Array.from({ length: clients }, (_, c) => loop(c)), kill]);
    instances.delete("edgevision-bun");
    served.delete("edgevision-bun");
    const inFlight = log.filter((r) => r.start <= killedAt && r.end >= killedAt).length;
    const lost = log.filter((r) => !r.ok).length;
    const afterKill = log.filter((r) => r.start > killedAt + 1500);
    const stats = await haproxy.stats();
    const backend = stats.get("edgevision_instances/BACKEND");
    const killed = stats.get("edgevision_instances/edgevision-bun");
    console.log(`# kill mid-load: ${log.length} requests, ${lost} lost, ${inFlight} in flight at the kill; HAProxy: ${backend?.wretr} retries, ${backend?.wredis} redispatches, ${killed?.eresp} response errors and ${killed?.econ} connection errors on the killed instance`);
    assert.ok(lost <= inFlight, `${lost} requests failed, only ${inFlight} were in flight`);
    assert.ok(afterKill.length > 0 && afterKill.every((r) => r.ok && r.instance !== "edgevision-bun"), "after the health checks, only live instances answer");
    for (const [name, server] of instances) {
      const metrics = await scrape(server.base);
      assert.equal(total(metrics, "edgevision_requests_total", { transport: "rest", endpoint: "/recognizer/predict/", status: "200" }), served.get(name), name);
    }
  });

  it("keeps recognising through a Redis outage, refuses enrolment with the reason, and keeps the gallery over a Redis restart", async () => {
    await redis.stop();
    await waitUntil("instances to notice", async () => (await Promise.all([...instances.values()].map((s) => readiness(s.base)))).every((r) => r.gallery?.reachable === false), 5000);
    const refused = await enrol(haproxy.base, "Lev", lev[0]!);
    assert.equal(refused.status, 503);
    assert.match(refused.text, /gallery .* is unreachable: enrolment and removal are refused/);
    for (let i = 0; i < 2; i++) {
      const reply = await recognise(haproxy.base, bruce[4 + i]!);
      assert.deepEqual([reply.status, reply.subject], [200, "Bruce"], "recognition answers from the last gallery");
    }
    assert.ok((await Promise.all([...instances.values()].map((s) => readiness(s.base)))).every((r) => r.status === 200), "still ready");

    await redis.start();
    await waitUntil("instances to reconnect", async () => (await Promise.all([...instances.values()].map((s) => readiness(s.base)))).every((r) => r.gallery?.reachable === true), 10_000);
    const enrolled = await enrol(haproxy.base, "Lev", lev[0]!);
    assert.equal(enrolled.status, 200, enrolled.text);
    // A new instance loads the gallery from the restarted Redis: Bruce survived, Lev is there.
    const restarted = await start("bun");
    instances.set("edgevision-bun", restarted);
    assert.deepEqual((await subjects(restarted.base)).sort(), ["Bruce", "Lev"]);
    const reply = await recognise(restarted.base, lev[1]!);
    assert.deepEqual([reply.status, reply.subject], [200, "Lev"]);
  });
});
