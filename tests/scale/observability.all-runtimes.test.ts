// /readyz decisions, the Prometheus exposition read back by the official Python client's parser
// (built under Node, Deno and Bun, so prom-client is proven on all three), and the --gallery setting.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readinessReport, type ReadinessSources } from "../../src/server/observability/readiness.ts";
import { METRIC_NAMES, ServerMetrics } from "../../src/server/observability/server-metrics.ts";
import { RequestTimer } from "../../src/server/timing/request-timing.ts";
import { parseServerConfig } from "../../src/server/config.ts";
import { residentMemoryBytes } from "../../src/server/usage/resident-memory.ts";
import { parseExposition, skipUnlessParser, total } from "./metrics-text.ts";

const healthy: ReadinessSources = {
  tasks: () => ["face-detection", "face-recognition"],
  workers: () => ({ alive: 2, size: 2 }),
  gallery: () => ({ reachable: true, loaded: true, backend: "redis 127.0.0.1:6379/0" }),
  shuttingDown: () => false,
};

describe("readiness", () => {
  it("is ready with models, a live worker and a loaded gallery", () => {
    const report = readinessReport(healthy);
    assert.equal(report.ready, true);
    assert.deepEqual(report.checks.workers, { ok: true, alive: 2, size: 2 });
  });
  it("stays ready when a loaded gallery's Redis goes away (recognition answers from the last copy), and says so", () => {
    const report = readinessReport({ ...healthy, gallery: () => ({ reachable: false, loaded: true, backend: "redis x" }) });
    assert.equal(report.ready, true);
    assert.equal(report.checks.gallery?.reachable, false);
  });
  it("is not ready without a loaded gallery, without live workers, without models, or while shutting down", () => {
    assert.equal(readinessReport({ ...healthy, gallery: () => ({ reachable: false, loaded: false, backend: "redis x" }) }).ready, false);
    assert.equal(readinessReport({ ...healthy, workers: () => ({ alive: 0, size: 2 }) }).ready, false);
    assert.equal(readinessReport({ ...healthy, tasks: () => [] }).ready, false);
    assert.equal(readinessReport({ ...healthy, shuttingDown: () => true }).ready, false);
  });
  it("has no gallery check when recognition is off", () => {
    const { gallery: _gallery, ...withoutGallery } = healthy;
    const report = readinessReport(withoutGallery);
    assert.equal(report.ready, true);
    assert.equal(report.checks.gallery, undefined);
  });
});

describe("Prometheus exposition", { skip: skipUnlessParser() }, () => {
  it("parses back with every family, label and histogram bucket as recorded", async () => {
    const metrics = new ServerMetrics({
      queued: () => 3,
      busy: () => 2,
      alive: () => 2,
      restarts: () => 1,
      gallery: () => Promise.resolve({ subjects: 4, embeddings: 9, reachable: true }),
      residentBytes: residentMemoryBytes,
    });
    metrics.observeRequest("rest", "/detector/detect/", 200, 0.004);
    metrics.observeRequest("rest", "/detector/detect/", 200, 0.2);
    metrics.observeRequest("rest", "unmatched", 404, 0.0005);
    const socket = new RequestTimer("face-recognition", "websocket");
    Object.assign(socket.timing, { inferenceMs: 12, decodeMs: 3 });
    metrics.observeImageRequest(socket.finish());
    const busy = new RequestTimer("face-detection", "tcp");
    busy.timing.status = 503;
    metrics.observeImageRequest(busy.finish());
    metrics.observeImageRequest(Object.assign(new RequestTimer("objects", "rest").finish(), { status: 503 }));

    assert.match(metrics.contentType, /^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await metrics.text());
    const requests = (labels: Record<string, string>) => total(samples, `${METRIC_NAMES.requests}`, labels);
    assert.equal(requests({ transport: "rest", endpoint: "/detector/detect/", status: "200" }), 2);
    assert.equal(requests({ transport: "rest", endpoint: "unmatched", status: "404" }), 1);
    assert.equal(requests({ transport: "websocket", endpoint: "/recognizer/predict/", status: "200" }), 1);
    assert.equal(requests({ transport: "tcp", endpoint: "/detector/detect/", status: "503" }), 1);
    assert.equal(requests({}), 5, "REST image requests are counted by the HTTP middleware, not twice");
    assert.ok(samples.every((s) => s.name !== METRIC_NAMES.requests || s.type === "counter"));

    const latency = METRIC_NAMES.requestDuration;
    const detect = { transport: "rest", endpoint: "/detector/detect/" };
    assert.deepEqual(
      [total(samples, `${latency}_bucket`, { ...detect, le: "0.005" }), total(samples, `${latency}_bucket`, { ...detect, le: "0.25" }), total(samples, `${latency}_bucket`, { ...detect, le: "+Inf" }), total(samples, `${latency}_count`, detect)],
      [1, 2, 2, 2],
    );
    assert.ok(Math.abs(total(samples, `${latency}_sum`, detect) - 0.204) < 1e-9);

    const stage = METRIC_NAMES.stageDuration;
    const stages = samples.filter((s) => s.name === `${stage}_count` && s.labels.task === "face-recognition").map((s) => s.labels.stage).sort();
    assert.deepEqual(stages, ["decode", "format", "from-worker", "infer", "post", "pre", "queue", "recv", "send", "to-worker"]);
    assert.equal(total(samples, `${stage}_sum`, { task: "face-recognition", stage: "infer" }), 0.012);
    assert.equal(total(samples, `${stage}_count`, { task: "face-detection" }), 0, "refused requests have no stages");

    assert.equal(total(samples, METRIC_NAMES.rejected, { transport: "tcp" }), 1);
    assert.equal(total(samples, METRIC_NAMES.rejected, { transport: "rest" }), 1);
    assert.deepEqual(
      [METRIC_NAMES.queueDepth, METRIC_NAMES.workersBusy, METRIC_NAMES.workersAlive, METRIC_NAMES.workerRestarts].map((name) => total(samples, name)),
      [3, 2, 2, 1],
    );
    assert.deepEqual([METRIC_NAMES.gallerySubjects, METRIC_NAMES.galleryEmbeddings, METRIC_NAMES.galleryReachable].map((name) => total(samples, name)), [4, 9, 1]);
    assert.ok(total(samples, METRIC_NAMES.residentMemory) > 10 * 2 ** 20, "RSS is read on this runtime");
  });
});

describe("--gallery setting", () => {
  const parse = (argv: string[], env: Record<string, string> = {}) => parseServerConfig({ argv, getEnv: (name) => env[name], cores: 1 });
  it("defaults to the embedded file store and takes redis:// and rediss:// URLs from the flag or EDGEVISION_GALLERY", () => {
    assert.equal(parse([]).gallery, "file");
    assert.equal(parse(["--gallery", "redis://10.0.0.5:6379/2"]).gallery, "redis://10.0.0.5:6379/2");
    assert.equal(parse([], { EDGEVISION_GALLERY: "rediss://:secret@redis.example:6380/0" }).gallery, "rediss://:secret@redis.example:6380/0");
  });
  it("refuses other values without echoing a password", () => {
    assert.throws(() => parse(["--gallery", "postgres://user:hunter2@db/x"]), (error: Error) => {
      assert.match(error.message, /--gallery must be "file" or a redis:\/\/host:port\/db URL/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    assert.throws(() => parse(["--gallery", "redis-server"]), /must be "file" or a redis/);
  });
});
