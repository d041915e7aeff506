/**
 * Which engine detects faces on the device: MediaPipe Tasks (GPU or CPU delegate) or the TF.js
 * WASM engine the server also runs. Every other task stays on TF.js. `"auto"` picks MediaPipe's GPU
 * delegate only when WebGL2 is there and it measured faster than TF.js on this device at start-up.
 * A MediaPipe engine that cannot start (no WebGL, an old browser) falls back to TF.js, with the reason.
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import { formatFaceDetectionReply } from "../../core/tasks/face-detection/reply.ts";
import type { LocalDetector } from "../../client/local-detector.ts";
import { type MobiledgeXReply, parseReply } from "../../client/reply.ts";
import { createMediapipeFaceDetector, type MediapipeFaceDetection } from "./mediapipe-face-detector.ts";

/** The on-device face engines. */
export const ON_DEVICE_ENGINES = ["mediapipe-gpu", "mediapipe-cpu", "tfjs-wasm"] as const;
/** One on-device face engine. */
export type OnDeviceEngine = typeof ON_DEVICE_ENGINES[number];
/** What the page asks for (`?engine=`). */
export type OnDeviceEngineRequest = OnDeviceEngine | "auto";

/** The outcome of {@link FaceEngineSwitch.choose}. */
export interface FaceEngineChoice {
  engine: OnDeviceEngine;
  /** Why, in a sentence (shown on the page). */
  reason: string;
  /** Start-up medians in ms when `"auto"` compared engines. */
  medians?: Partial<Record<OnDeviceEngine, number>>;
}

/** Options of {@link createFaceEngineSwitch}. */
export interface FaceEngineSwitchOptions {
  request: OnDeviceEngineRequest;
  /** The TF.js local detector (runs every task; faces too unless MediaPipe is chosen). */
  tfjs: LocalDetector & { load(task: TaskName): Promise<unknown> };
  /** MediaPipe's WASM folder URL. */
  mediapipeWasmUrl: string;
  /** The BlazeFace `.tflite` with Tasks metadata. */
  mediapipeModelUrl: string;
  /** Runs per engine when `"auto"` compares them (after one warm-up run each). */
  probeRuns?: number;
}

/** A {@link LocalDetector} that routes face detection to the chosen engine. */
export interface FaceEngineSwitch extends LocalDetector {
  /** Starts the requested engine (or compares them for `"auto"`); call once before detecting. */
  choose(): Promise<FaceEngineChoice>;
  /** The engine faces run on, once chosen. */
  readonly engine: OnDeviceEngine | undefined;
  /** Loads what `task` needs on the device (faces: the chosen engine; other tasks: TF.js). */
  load(task: TaskName): Promise<void>;
}

/**
 * @param options The request, the TF.js detector and MediaPipe's asset URLs.
 * @returns The switch; `choose()` it before the first `detect`.
 * @example
 * ```ts
 * const local = createFaceEngineSwitch({ request: "auto", tfjs, mediapipeWasmUrl: "/static/mediapipe/wasm", mediapipeModelUrl: "/static/mediapipe/face_detection_short_range.tflite" });
 * const { engine, reason } = await local.choose();
 * ```
 */
export function createFaceEngineSwitch(options: FaceEngineSwitchOptions): FaceEngineSwitch {
  let engine: OnDeviceEngine | undefined;
  let mediapipe: MediapipeFaceDetection | undefined;
  const startMediapipe = (delegate: "GPU" | "CPU") =>
    createMediapipeFaceDetector({ wasmUrl: options.mediapipeWasmUrl, modelUrl: options.mediapipeModelUrl, delegate });

  const chooseEngine = async (): Promise<FaceEngineChoice> => {
    const request = options.request;
    if (request === "tfjs-wasm") return { engine: "tfjs-wasm", reason: "Asked for TF.js WASM." };
    if (request === "mediapipe-gpu" || request === "mediapipe-cpu") {
      try {
        mediapipe = await startMediapipe(request === "mediapipe-gpu" ? "GPU" : "CPU");
        return { engine: request, reason: `Asked for MediaPipe ${mediapipe.delegate}.` };
      } catch (error) {
        return { engine: "tfjs-wasm", reason: `MediaPipe ${request.slice(10).toUpperCase()} could not start (${errorText(error)}); using TF.js WASM.` };
      }
    }
    if (!hasWebGl2()) return { engine: "tfjs-wasm", reason: "No WebGL2 here, so no MediaPipe GPU; using TF.js WASM." };
    let candidate: MediapipeFaceDetection;
    try {
      candidate = await startMediapipe("GPU");
    } catch (error) {
      return { engine: "tfjs-wasm", reason: `MediaPipe GPU could not start (${errorText(error)}); using TF.js WASM.` };
    }
    const probe = await probeFrame();
    await options.tfjs.load("face-detection");
    const runs = options.probeRuns ?? 5;
    const mediapipeMs = await medianMs(runs, () => candidate.detect(probe));
    const tfjsMs = await medianMs(runs, () => options.tfjs.detect("face-detection", probe));
    const medians = { "mediapipe-gpu": mediapipeMs, "tfjs-wasm": tfjsMs };
    const numbers = `MediaPipe GPU ${mediapipeMs.toFixed(1)} ms vs TF.js WASM ${tfjsMs.toFixed(1)} ms per frame at start-up`;
    if (mediapipeMs < tfjsMs) {
      mediapipe = candidate;
      return { engine: "mediapipe-gpu", reason: `${numbers}; using MediaPipe GPU.`, medians };
    }
    candidate.dispose();
    return { engine: "tfjs-wasm", reason: `${numbers}; using TF.js WASM.`, medians };
  };

  let choosing: Promise<FaceEngineChoice> | undefined;
  const switcher: FaceEngineSwitch = {
    get engine() {
      return engine;
    },
    choose: () => {
      choosing ??= chooseEngine().then((choice) => {
        engine = choice.engine;
        return choice;
      });
      return choosing;
    },
    supports: (task) => options.tfjs.supports(task),
    load: async (task) => {
      if (task === "face-detection" && (await switcher.choose()).engine !== "tfjs-wasm") return;
      await options.tfjs.load(task);
    },
    detect: async (task: TaskName, image: Uint8Array): Promise<MobiledgeXReply> => {
      if (task === "face-detection" && mediapipe !== undefined && engine !== "tfjs-wasm") {
        return parseReply(formatFaceDetectionReply(await mediapipe.detect(image)));
      }
      return await options.tfjs.detect(task, image);
    },
  };
  return switcher;
}

function hasWebGl2(): boolean {
  try {
    return new OffscreenCanvas(1, 1).getContext("webgl2") !== null;
  } catch {
    return false;
  }
}

/** A 240×180 JPEG (the MobiledgeX clients' frame size) for timing the engines. */
async function probeFrame(): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(240, 180);
  const g = canvas.getContext("2d")!;
  const gradient = g.createLinearGradient(0, 0, 240, 180);
  gradient.addColorStop(0, "#334");
  gradient.addColorStop(1, "#cba");
  g.fillStyle = gradient;
  g.fillRect(0, 0, 240, 180);
  const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.9 });
  return new Uint8Array(await blob.arrayBuffer());
}

async function medianMs(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: shader compilation, WASM tier-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The first line of an error (MediaPipe appends a multi-line source trace), at most 200 characters. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
