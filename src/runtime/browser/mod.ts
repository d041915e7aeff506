/**
 * The browser library (built into `/static/edgevision.js` by scripts/build-browser.mjs): the
 * same engine and task modules as the server, the WASM backend set up for the page, and the
 * edge-or-local client.
 *
 * ```js
 * const ev = await import("/static/edgevision.js");
 * const local = ev.createBrowserLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", formatters: ev.BROWSER_REPLY_FORMATTERS });
 * const client = ev.createEdgeOrLocalClient({ edgeUrl: location.origin, WebSocket, local });
 * const { path, reply, fullProcessMs } = await client.detect("face-detection", jpegBytes);
 * ```
 * @module
 */
export { createBrowserEngine } from "./browser-engine.ts";
export type { BrowserEngine, BrowserEngineOptions } from "./browser-engine.ts";
export { createBrowserLocalDetector } from "./browser-local-detector.ts";
export type { BrowserLocalDetector, BrowserLocalDetectorOptions } from "./browser-local-detector.ts";
export { createFaceEngineSwitch, ON_DEVICE_ENGINES } from "./face-engine-switch.ts";
export type { FaceEngineChoice, FaceEngineSwitch, FaceEngineSwitchOptions, OnDeviceEngine, OnDeviceEngineRequest } from "./face-engine-switch.ts";
export { createMediapipeFaceDetector } from "./mediapipe-face-detector.ts";
export type { MediapipeDelegate, MediapipeFaceDetection, MediapipeFaceDetectorOptions } from "./mediapipe-face-detector.ts";
export { createFetchModelReader } from "./fetch-model-reader.ts";
export { createWorkerLocalDetector } from "./worker-local-detector.ts";
export type { WorkerLocalDetectorOptions } from "./worker-local-detector.ts";
export { BROWSER_REPLY_FORMATTERS } from "./reply-formatters.ts";
export { startBrowserBackend } from "./wasm-build.ts";
export type { BrowserBackendInfo, BrowserBackendOptions, WasmBuild, WasmBuildRequest } from "./wasm-build.ts";
export * from "../../client/mod.ts";
export { TASK_NAMES } from "../../core/engine/types.ts";
export { TASKS } from "../../core/tasks/registry.ts";
export type { TaskName, TaskResult } from "../../core/engine/types.ts";
