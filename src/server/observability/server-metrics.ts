/**
 * The server's Prometheus metrics, kept in one prom-client registry per server (state in the
 * instance: two servers in one process do not mix). prom-client runs unchanged on Node, Deno and
 * Bun; only its registry, metric types and text exposition are used, not its Node-specific
 * default collectors (RSS is read through the injected source instead).
 * @module
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { TASKS } from "../../core/tasks/registry.ts";
import type { TaskName } from "../../core/engine/types.ts";
import type { Transport } from "../replies/error-replies.ts";
import { REQUEST_STAGES, type RequestTiming } from "../timing/request-timing.ts";

/** Live numbers the metrics read when scraped. */
export interface MetricSources {
  /** Jobs waiting for a worker (not yet running). */
  queued(): number;
  /** Workers running a job. */
  busy(): number;
  /** Workers started and ready. */
  alive(): number;
  /** Workers replaced since start (crashed or timed out). */
  restarts(): number;
  /** Gallery size, when recognition is on. */
  gallery?(): Promise<{ subjects: number; embeddings: number; reachable: boolean }>;
  /** Resident set size of the process in bytes. */
  residentBytes(): number;
}

/** Transports the metrics label requests with (HTTP requests that are not images count as "rest" too). */
export type MetricTransport = Transport;

const ENDPOINT_OF = new Map<TaskName, string>(TASKS.map((task) => [task.name, task.endpoint]));

/** Seconds; spans a 1 ms health check to a 30 s job timeout. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Metric names, for tests and dashboards. */
export const METRIC_NAMES = {
  requests: "edgevision_requests_total",
  requestDuration: "edgevision_request_duration_seconds",
  stageDuration: "edgevision_stage_duration_seconds",
  rejected: "edgevision_rejected_requests_total",
  queueDepth: "edgevision_queue_depth",
  workersBusy: "edgevision_workers_busy",
  workersAlive: "edgevision_workers_alive",
  workerRestarts: "edgevision_worker_restarts_total",
  gallerySubjects: "edgevision_gallery_subjects",
  galleryEmbeddings: "edgevision_gallery_embeddings",
  galleryReachable: "edgevision_gallery_reachable",
  residentMemory: "process_resident_memory_bytes",
} as const;

/** One server's metrics. */
export class ServerMetrics {
  readonly #registry = new Registry();
  readonly #requests: Counter<"transport" | "endpoint" | "status">;
  readonly #requestDuration: Histogram<"transport" | "endpoint">;
  readonly #stageDuration: Histogram<"task" | "stage">;
  readonly #rejected: Counter<"transport">;

  /** @param sources Where queue, worker, gallery and memory numbers come from. */
  constructor(sources: MetricSources) {
    const registers = [this.#registry];
    this.#requests = new Counter({
      name: METRIC_NAMES.requests,
      help: "Requests answered, by transport (rest, websocket, tcp), endpoint (route pattern) and status (HTTP status; WebSocket/TCP: the status REST would have sent)",
      labelNames: ["transport", "endpoint", "status"],
      registers,
    });
    this.#requestDuration = new Histogram({
      name: METRIC_NAMES.requestDuration,
      help: "Time from request (REST: headers received; WebSocket/TCP: message received) to reply, seconds",
      labelNames: ["transport", "endpoint"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#stageDuration = new Histogram({
      name: METRIC_NAMES.stageDuration,
      help: "Time per serving stage of answered image requests (recv, queue, to-worker, decode, pre, infer, post, from-worker, format, send), seconds",
      labelNames: ["task", "stage"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#rejected = new Counter({
      name: METRIC_NAMES.rejected,
      help: "Image requests refused with 503 (queue full, no live worker, shutting down)",
      labelNames: ["transport"],
      registers,
    });
    new Gauge({ name: METRIC_NAMES.queueDepth, help: "Image jobs waiting for a worker", registers, collect() { this.set(sources.queued()); } });
    new Gauge({ name: METRIC_NAMES.workersBusy, help: "Engine workers running a job", registers, collect() { this.set(sources.busy()); } });
    new Gauge({ name: METRIC_NAMES.workersAlive, help: "Engine workers started and ready", registers, collect() { this.set(sources.alive()); } });
    new Counter({
      name: METRIC_NAMES.workerRestarts,
      help: "Engine workers replaced after a crash or a job timeout",
      registers,
      collect() {
        this.reset();
        this.inc(sources.restarts());
      },
    });
    const gallery = sources.gallery;
    if (gallery !== undefined) {
      new Gauge({ name: METRIC_NAMES.gallerySubjects, help: "Subjects in this server's copy of the gallery", registers, async collect() { this.set((await gallery()).subjects); } });
      new Gauge({ name: METRIC_NAMES.galleryEmbeddings, help: "Embeddings in this server's copy of the gallery", registers, async collect() { this.set((await gallery()).embeddings); } });
      new Gauge({ name: METRIC_NAMES.galleryReachable, help: "1 when the gallery's backend answers (always 1 for the embedded store)", registers, async collect() { this.set((await gallery()).reachable ? 1 : 0); } });
    }
    new Gauge({ name: METRIC_NAMES.residentMemory, help: "Resident memory size in bytes", registers, collect() { this.set(sources.residentBytes()); } });
  }

  /** Content-Type of {@link text}. */
  get contentType(): string {
    return this.#registry.contentType;
  }

  /**
   * Counts one answered request.
   *
   * @param transport How it arrived.
   * @param endpoint Route pattern (bounded set), e.g. `/detector/detect/`.
   * @param status HTTP status (or the one REST would have sent).
   * @param seconds Time to the reply.
   */
  observeRequest(transport: MetricTransport, endpoint: string, status: number, seconds: number): void {
    this.#requests.inc({ transport, endpoint, status: String(status) });
    this.#requestDuration.observe({ transport, endpoint }, seconds);
  }

  /**
   * Records one image request from its timing record (every transport reports one): WebSocket and
   * TCP requests are counted here (REST ones by the HTTP middleware), 503s are counted as
   * rejected, and the stages of answered requests go to the stage histogram.
   *
   * @param timing The finished record.
   */
  observeImageRequest(timing: Readonly<RequestTiming>): void {
    if (timing.transport !== "rest") {
      this.observeRequest(timing.transport, ENDPOINT_OF.get(timing.task) ?? timing.task, timing.status, timing.totalMs / 1000);
    }
    if (timing.status === 503) this.#rejected.inc({ transport: timing.transport });
    if (timing.status !== 200) return;
    for (const [key, stage] of REQUEST_STAGES) {
      // REST cannot time its own send (the header is written before it).
      if (timing.transport === "rest" && key === "sendMs") continue;
      this.#stageDuration.observe({ task: timing.task, stage }, timing[key] / 1000);
    }
  }

  /**
   * The exposition text (Prometheus text format 0.0.4).
   *
   * @returns The metrics.
   */
  text(): Promise<string> {
    return this.#registry.metrics();
  }
}
