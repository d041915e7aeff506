/**
 * The demo page (`/`): frames from the camera or an image file go to the edge over WebSocket
 * and to the on-device engine (side by side), or through the edge-or-local client (auto).
 * On-device detection runs in a module worker (`?worker=0`: on the main thread instead).
 * URL parameters: `?wasm=auto|threaded-simd|simd` picks the WASM build, `?threads=N` the thread count,
 * `?engine=auto|mediapipe-gpu|mediapipe-cpu|tfjs-wasm` the on-device face engine (face-engine-switch.ts).
 * @module
 */
import {
  BROWSER_REPLY_FORMATTERS,
  createBrowserLocalDetector,
  createEdgeOrLocalClient,
  createFaceEngineSwitch,
  createWorkerLocalDetector,
  EdgeConnection,
  ON_DEVICE_ENGINES,
  type OnDeviceEngineRequest,
  parseReply,
  RollingLatency,
  TASK_ENDPOINTS,
  TASK_NAMES,
  TASKS,
  type TaskName,
  type WasmBuildRequest,
  webSocketUrl,
} from "../runtime/browser/mod.ts";
import { type EdgeCapabilities, fetchEdgeCapabilities } from "./capabilities.ts";
import { captureJpegFrame } from "./frame-capture.ts";
import { type FrameSource, openCamera, openImageFile } from "./frame-source.ts";
import { registerOfflineCopy } from "./offline-copy.ts";
import { PathView } from "./path-view.ts";
import { setChip } from "./status-chip.ts";

const FRAME_INTERVAL_MS = 33;
const EDGE_RETRY_MS = 2000;
const WINDOW = 20;

const params = new URLSearchParams(location.search);
const build = (params.get("wasm") ?? "auto") as WasmBuildRequest;
const threads = params.has("threads") ? Number(params.get("threads")) : undefined;
const inWorker = params.get("worker") !== "0";
const engineParam = params.get("engine") ?? "auto";
const engineRequest: OnDeviceEngineRequest = (ON_DEVICE_ENGINES as readonly string[]).includes(engineParam) ? engineParam as OnDeviceEngineRequest : "auto";
const detectorSettings = { modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", build, ...(threads === undefined ? {} : { threads }) };

/** Side-by-side mode's own edge link per task (auto mode uses the client's). */
interface EdgeLink {
  connection: EdgeConnection;
  latency: RollingLatency;
  frames: number;
  retryAt: number;
}

class DemoPage {
  task: TaskName = "face-detection";
  mode: "compare" | "auto" = "compare";
  source: FrameSource | undefined;
  running = false;
  busy = false;
  capabilities: EdgeCapabilities = { reachable: false, tasks: [], gpuSupport: false };
  readonly frame = document.createElement("canvas");
  readonly edgeView = new PathView(document.getElementById("view-edge")!, "#2b6cb0");
  readonly localView = new PathView(document.getElementById("view-local")!, "#2f855a");
  readonly tfjs = inWorker
    ? createWorkerLocalDetector(detectorSettings)
    : createBrowserLocalDetector({ ...detectorSettings, formatters: BROWSER_REPLY_FORMATTERS });
  readonly local = createFaceEngineSwitch({
    request: engineRequest,
    tfjs: this.tfjs,
    mediapipeWasmUrl: "/static/mediapipe/wasm",
    mediapipeModelUrl: "/static/mediapipe/face_detection_short_range.tflite",
  });
  readonly client = createEdgeOrLocalClient({ edgeUrl: location.origin, WebSocket, local: this.local, windowSize: WINDOW });
  readonly edgeLinks = new Map<TaskName, EdgeLink>();
  readonly localLatency = new Map<TaskName, { latency: RollingLatency; frames: number }>();

  async start(): Promise<void> {
    this.bindControls();
    this.placeholder("Choose Camera or Image…");
    void registerOfflineCopy().then((copy) => setChip("chip-offline", copy.ready ? "ok" : "warn", copy.text));
    void this.refreshCapabilities();
    setInterval(() => void this.probeNetwork(), 1000);
    try {
      const choice = await this.local.choose();
      document.body.dataset["deviceEngine"] = choice.engine;
      document.body.dataset["deviceEngineReason"] = choice.reason;
      if (choice.engine === "tfjs-wasm") {
        const backend = await this.tfjs.load("face-detection");
        const text = `${backend.build} · ${backend.threads} thread${backend.threads === 1 ? "" : "s"}${inWorker ? " · worker" : ""}`;
        setChip("chip-device", "ok", `On-device: TF.js ${text}`);
        this.localView.subtitle(`TF.js WebAssembly ${text}`);
        this.localView.showNumbers({ network: `${backend.threads} (${backend.build})` });
      } else {
        const text = choice.engine === "mediapipe-gpu" ? "MediaPipe GPU (WebGL2)" : "MediaPipe CPU";
        setChip("chip-device", "ok", `On-device: ${text}`);
        this.localView.subtitle(`${text} faces · TF.js WebAssembly for the other tasks`);
      }
      this.message(choice.reason);
      document.body.dataset["deviceReady"] = "true";
    } catch (error) {
      setChip("chip-device", "bad", "On-device: failed");
      this.message(`On-device engine failed: ${String(error)}`);
    }
  }

  bindControls(): void {
    document.getElementById("btn-camera")!.addEventListener("click", () => void this.useSource(openCamera()));
    const fileInput = document.getElementById("file-input") as HTMLInputElement;
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (file !== undefined) void this.useSource(openImageFile(file));
    });
    const pause = document.getElementById("btn-pause") as HTMLButtonElement;
    pause.addEventListener("click", () => {
      this.running = !this.running;
      pause.textContent = this.running ? "Pause" : "Resume";
      if (this.running) this.schedule();
    });
    const taskChoices = document.getElementById("task-choices")!;
    for (const task of TASKS) {
      const input = document.createElement("input");
      Object.assign(input, { type: "radio", name: "task", value: task.name, checked: task.name === this.task });
      input.addEventListener("change", () => this.selectTask(task.name));
      const label = document.createElement("label");
      label.append(input, ` ${task.label}`);
      taskChoices.append(label);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
      input.addEventListener("change", () => {
        this.mode = input.value as "compare" | "auto";
        const auto = this.mode === "auto";
        this.edgeView.markAuto("off");
        this.localView.markAuto("off");
        this.message(auto ? "Auto: the edge-or-local client sends each frame where it is fastest, and falls back to this device when the edge is away." : "");
      });
    }
  }

  async useSource(opening: Promise<FrameSource>): Promise<void> {
    try {
      const source = await opening;
      this.source?.stop();
      this.source = source;
      this.running = true;
      const pause = document.getElementById("btn-pause") as HTMLButtonElement;
      pause.disabled = false;
      pause.textContent = "Pause";
      this.message("");
      this.schedule();
    } catch (error) {
      this.message(`Cannot open the source: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  selectTask(task: TaskName): void {
    this.task = task;
    const endpoint = TASK_ENDPOINTS[task];
    document.querySelector("#view-edge .sub")!.innerHTML = `WebSocket <code>/ws${endpoint}</code>`;
    this.edgeView.note("");
    this.localView.note(this.local.supports(task) ? "" : "Runs on the edge only (it needs the server's face gallery).");
    if (this.local.supports(task)) {
      this.localView.note("Loading models…");
      this.local.load(task).then(() => this.localView.note(""), (error: unknown) => this.localView.note(`Cannot load: ${String(error)}`));
    }
  }

  schedule(): void {
    setTimeout(() => void this.tick(), FRAME_INTERVAL_MS);
  }

  async tick(): Promise<void> {
    if (!this.running || this.busy || this.source === undefined) return;
    this.busy = true;
    try {
      const jpeg = await captureJpegFrame(this.source.element, this.source.width, this.source.height, this.frame);
      if (this.mode === "auto") await this.processAuto(jpeg);
      else await this.processSideBySide(jpeg);
    } catch (error) {
      this.message(`Frame failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
      if (this.running) this.schedule();
    }
  }

  async processSideBySide(jpeg: Uint8Array): Promise<void> {
    const task = this.task;
    // One after the other, so the main-thread WASM run never delays the edge reply's handling.
    const link = this.edgeLink(task);
    if (performance.now() >= link.retryAt) {
      try {
        const { text, ms } = await link.connection.request(jpeg);
        const reply = parseReply(text);
        if (link.frames > 0) link.latency.add(ms); // the first includes the server's warm-up
        link.frames++;
        this.edgeView.showResult(this.frame, reply);
        this.edgeView.showNumbers({ fullMs: ms, rollingMedianMs: link.latency.median, rollingMeanMs: link.latency.mean, processing: reply.server_processing_time, frames: link.frames });
        this.edgeView.note(reply.error ?? "");
        this.setEdgeUp(true);
      } catch (error) {
        link.retryAt = performance.now() + EDGE_RETRY_MS;
        this.edgeView.showResult(this.frame, undefined);
        this.edgeView.note(`Edge unreachable (${error instanceof Error ? error.message : String(error)}); retrying.`);
        this.setEdgeUp(false);
      }
    }
    if (!this.local.supports(task)) return;
    const stats = this.localStats(task);
    const started = performance.now();
    const reply = await this.local.detect(task, jpeg);
    const ms = performance.now() - started;
    if (stats.frames > 0) stats.latency.add(ms); // the first includes model warm-up
    stats.frames++;
    this.localView.showResult(this.frame, reply);
    this.localView.showNumbers({ fullMs: ms, rollingMedianMs: stats.latency.median, rollingMeanMs: stats.latency.mean, processing: reply.server_processing_time, frames: stats.frames });
  }

  async processAuto(jpeg: Uint8Array): Promise<void> {
    const outcome = await this.client.detect(this.task, jpeg);
    const used = outcome.path === "edge" ? this.edgeView : this.localView;
    const idle = outcome.path === "edge" ? this.localView : this.edgeView;
    used.markAuto("used");
    idle.markAuto("idle");
    used.showResult(this.frame, outcome.reply);
    const stats = this.client.stats(this.task);
    used.showNumbers({
      fullMs: outcome.fullProcessMs,
      rollingMedianMs: outcome.path === "edge" ? stats.edgeMedianMs : stats.localMedianMs,
      rollingMeanMs: outcome.path === "edge" ? stats.edgeMeanMs : stats.localMeanMs,
      processing: outcome.reply.server_processing_time,
      frames: outcome.path === "edge" ? stats.edgeFrames : stats.localFrames,
    });
    if (outcome.edgeError !== undefined) this.edgeView.note(`Fell back to this device: ${outcome.edgeError}`);
    else if (outcome.path === "edge") this.edgeView.note("");
    this.setEdgeUp(!stats.edgeDown);
  }

  edgeLink(task: TaskName): EdgeLink {
    let link = this.edgeLinks.get(task);
    if (link === undefined) {
      link = {
        connection: new EdgeConnection(webSocketUrl(location.origin, task), WebSocket, { connectTimeoutMs: 2000, replyTimeoutMs: 5000 }),
        latency: new RollingLatency(WINDOW),
        frames: 0,
        retryAt: 0,
      };
      this.edgeLinks.set(task, link);
    }
    return link;
  }

  localStats(task: TaskName): { latency: RollingLatency; frames: number } {
    let stats = this.localLatency.get(task);
    if (stats === undefined) {
      stats = { latency: new RollingLatency(WINDOW), frames: 0 };
      this.localLatency.set(task, stats);
    }
    return stats;
  }

  /** The web demo's "network only" number: a `{"latency_start": …}` echo once a second. */
  async probeNetwork(): Promise<void> {
    const link = this.edgeLinks.get(this.task);
    if (link === undefined || !link.connection.isOpen || this.busy) return;
    try {
      const ms = await link.connection.measureNetworkMs();
      this.edgeView.showNumbers({ network: `${ms.toFixed(1)} ms` });
    } catch {
      // the next frame notices and reports the edge as away
    }
  }

  async refreshCapabilities(): Promise<void> {
    this.capabilities = await fetchEdgeCapabilities();
    this.setEdgeUp(this.capabilities.reachable);
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="task"]')) {
      const task = input.value as TaskName;
      input.disabled = !(this.capabilities.tasks.includes(task) || this.local.supports(task));
    }
    if (!this.capabilities.reachable) setTimeout(() => void this.refreshCapabilities(), 3000);
  }

  setEdgeUp(up: boolean): void {
    if (up) {
      const tasks = this.capabilities.tasks.length > 0 ? ` · ${this.capabilities.tasks.length}/${TASK_NAMES.length} tasks` : "";
      setChip("chip-edge", "ok", `Edge: connected${tasks}`);
    } else {
      setChip("chip-edge", "bad", "Edge: unreachable — on-device only");
    }
  }

  placeholder(text: string): void {
    for (const id of ["view-edge", "view-local"]) {
      const canvas = document.querySelector<HTMLCanvasElement>(`#${id} canvas`)!;
      const g = canvas.getContext("2d")!;
      g.fillStyle = "#1a202c";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = "#a0aec0";
      g.font = "500 18px system-ui, sans-serif";
      g.textAlign = "center";
      g.fillText(text, canvas.width / 2, canvas.height / 2);
    }
  }

  message(text: string): void {
    document.getElementById("message")!.textContent = text;
  }
}

void new DemoPage().start();
