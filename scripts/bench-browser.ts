// Browser benchmark: milliseconds per frame of on-device face detection in headless Chromium
// (Debian's /usr/bin/chromium), single-thread SIMD build vs threaded SIMD build, on the page's
// main thread and in the detector worker, and of the edge path (WebSocket to the real server) from
// the same page; and MediaPipe Tasks' FaceDetector (GPU and CPU delegates, main thread). WebGL here is
// SwiftShader (software rendering on the CPU), so "MediaPipe GPU" measures the code path, not a GPU.
// Each variant runs in a fresh page (one WASM backend per realm).
// Full process = JPEG bytes handed over → reply parsed.
//   npx tsx scripts/bench-browser.ts [--frames 100] [--warmup 10] [--threads 1,2] [IMAGE]
// Default image: a 240×180 camera-like frame with one face (what the MobiledgeX clients send).
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import type { Page } from "playwright-core";
import { launchChromium } from "../tests/browser/chromium.ts";
import { buildBrowserBundle, ROOT, startServer } from "../tests/server/server-process.ts";
import { integer } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { SCRIPT_SETTINGS } from "./script-settings.ts";
import { percentile } from "./stats.ts";

/** The edge the page talks to: one worker, face detection only. */
const EDGE_ARGS = ["--pool-size", "1", "--tasks", "face-detection"];

const { values: options, positionals } = parseScriptSettings({
  frames: SCRIPT_SETTINGS.frames(100),
  warmup: SCRIPT_SETTINGS.warmup(10),
  threadCounts: setting({
    flag: "--threads",
    default: [1, 2],
    defaultText: "1,2",
    parse: (text, name) => text.split(",").map((count) => integer(1)(count, name)),
    help: "thread counts of the threaded build, comma-separated",
  }),
}, "usage: bench-browser.ts [options] [IMAGE]", { positionals: true });
const { frames, warmup, threadCounts } = options;
const imagePath = positionals[0] ?? `${ROOT}tests/fixtures/frames/face_240x180.jpg`;
const image = [...readFileSync(imagePath)];
const BUNDLE_URL_IN_PAGE = "/static/edgevision.js";

interface Samples {
  label: string;
  full: number[];
  processing: number[];
  faces: number;
  extra?: string;
}

function row(samples: Samples): string {
  const f = [...samples.full].sort((a, b) => a - b);
  const p = [...samples.processing].sort((a, b) => a - b);
  const mean = f.reduce((s, x) => s + x, 0) / f.length;
  const ms = (x: number) => x.toFixed(1);
  return `| ${samples.label} | ${samples.faces} | ${ms(percentile(f, 50))} | ${ms(percentile(f, 90))} | ${ms(percentile(f, 95))} | ${ms(f[0]!)} | ${ms(mean)} | ${ms(percentile(p, 50))} | ${samples.extra ?? ""} |`;
}

async function onDevice(page: Page, build: "simd" | "threaded-simd", threads: number | undefined, inWorker: boolean): Promise<Samples> {
  const result = await page.evaluate(async ({ bundleUrl, data, build, threads, frames, warmup, inWorker }) => {
    const ev = await import(bundleUrl);
    const settings = { modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", build, ...(threads === undefined ? {} : { threads }) };
    const local = inWorker ? ev.createWorkerLocalDetector(settings) : ev.createBrowserLocalDetector({ ...settings, formatters: ev.BROWSER_REPLY_FORMATTERS });
    const backend = await local.load("face-detection");
    const bytes = new Uint8Array(data);
    const full: number[] = [];
    const processing: number[] = [];
    let faces = 0;
    for (let i = 0; i < warmup + frames; i++) {
      const start = performance.now();
      const reply = await local.detect("face-detection", bytes);
      const ms = performance.now() - start;
      if (i < warmup) continue;
      full.push(ms);
      processing.push(Number(reply.server_processing_time));
      faces = (reply.rects ?? []).length;
    }
    local.dispose();
    return { backend, full, processing, faces };
  }, { bundleUrl: BUNDLE_URL_IN_PAGE, data: image, build, threads, frames, warmup, inWorker });
  return {
    label: `on device (${inWorker ? "worker" : "main thread"}), ${result.backend.build}, ${result.backend.threads} thread${result.backend.threads === 1 ? "" : "s"}`,
    full: result.full,
    processing: result.processing,
    faces: result.faces,
    extra: `isolated ${result.backend.crossOriginIsolated}`,
  };
}

async function mediapipe(page: Page, delegate: "GPU" | "CPU"): Promise<Samples> {
  const result = await page.evaluate(async ({ bundleUrl, data, delegate, frames, warmup }) => {
    const ev = await import(bundleUrl);
    const started = performance.now();
    const detector = await ev.createMediapipeFaceDetector({ wasmUrl: "/static/mediapipe/wasm", modelUrl: "/static/mediapipe/face_detection_short_range.tflite", delegate });
    const startMs = performance.now() - started;
    const bytes = new Uint8Array(data);
    const full: number[] = [];
    const processing: number[] = [];
    let faces = 0;
    for (let i = 0; i < warmup + frames; i++) {
      const start = performance.now();
      const result = await detector.detect(bytes);
      const ms = performance.now() - start;
      if (i < warmup) continue;
      full.push(ms);
      processing.push(result.processingMs);
      faces = result.faces.length;
    }
    detector.dispose();
    return { full, processing, faces, startMs };
  }, { bundleUrl: BUNDLE_URL_IN_PAGE, data: image, delegate, frames, warmup });
  return {
    label: `on device (main thread), MediaPipe Tasks ${delegate}${delegate === "GPU" ? " (SwiftShader WebGL)" : ""}`,
    full: result.full,
    processing: result.processing,
    faces: result.faces,
    extra: `start-up ${result.startMs.toFixed(0)} ms`,
  };
}

async function edge(page: Page): Promise<Samples> {
  const result = await page.evaluate(async ({ bundleUrl, data, frames, warmup }) => {
    const ev = await import(bundleUrl);
    const connection = new ev.EdgeConnection(ev.webSocketUrl(location.origin, "face-detection"), WebSocket, { connectTimeoutMs: 5000, replyTimeoutMs: 10000 });
    const bytes = new Uint8Array(data);
    const full: number[] = [];
    const processing: number[] = [];
    const network: number[] = [];
    let faces = 0;
    for (let i = 0; i < warmup + frames; i++) {
      const { text, ms } = await connection.request(bytes);
      if (i < warmup) continue;
      const reply = ev.parseReply(text);
      full.push(ms);
      processing.push(Number(reply.server_processing_time));
      faces = (reply.rects ?? []).length;
      if ((i - warmup) % 5 === 0) network.push(await connection.measureNetworkMs()); // every 5th measured frame, from the first
    }
    connection.close();
    network.sort((a: number, b: number) => a - b);
    return { full, processing, faces, networkMedian: network[network.length >> 1] as number };
  }, { bundleUrl: BUNDLE_URL_IN_PAGE, data: image, frames, warmup });
  return { label: "edge, WebSocket (loopback)", full: result.full, processing: result.processing, faces: result.faces, extra: `network only ${result.networkMedian.toFixed(1)} ms` };
}

buildBrowserBundle();
const server = await startServer("node", EDGE_ARGS);
const browser = await launchChromium(["--enable-unsafe-swiftshader"]); // WebGL for MediaPipe (software)
const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
const loadBefore = load();
const rows: Samples[] = [];
try {
  const variants: [string, "simd" | "threaded-simd", number | undefined][] = [
    ["single thread", "simd", undefined],
    ...threadCounts.map((n): [string, "threaded-simd", number] => [`threaded ${n}`, "threaded-simd", n]),
  ];
  for (const inWorker of [false, true]) {
    for (const [, build, threads] of variants) {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/static/icon.svg`);
      rows.push(await onDevice(page, build, threads, inWorker));
      await page.close();
    }
  }
  for (const delegate of ["GPU", "CPU"] as const) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/static/demo.css`); // a text page: MediaPipe's loader needs a document body
    rows.push(await mediapipe(page, delegate));
    await page.close();
  }
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/static/icon.svg`);
  rows.push(await edge(page));
  await page.close();
} finally {
  await browser.close();
  await server.stop();
}
const version = (await import("node:child_process")).execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
console.log(`${version}; ${cpus().length} logical cores (${cpus()[0]?.model ?? "?"}); load average before ${loadBefore}, after ${load()}`);
console.log(`image ${imagePath.replace(ROOT, "")}, ${frames} frames after ${warmup} warm-up; milliseconds per frame`);
console.log("| path | faces | full median | p90 | p95 | min | mean | processing median | notes |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const samples of rows) console.log(row(samples));
