/**
 * Messages between the page and the detector worker (see detector-worker.ts).
 * @module
 */
import type { TaskName } from "../../core/engine/types.ts";
import type { WasmBuildRequest } from "./wasm-build.ts";

/** Where the worker finds models and binaries, and which build it starts. */
export interface DetectorWorkerSettings {
  modelsUrl: string;
  wasmUrl: string;
  build?: WasmBuildRequest;
  threads?: number;
}

/** Page → worker. */
export type DetectorWorkerRequest =
  | { id: number; kind: "init"; settings: DetectorWorkerSettings }
  | { id: number; kind: "load"; task: TaskName }
  | { id: number; kind: "detect"; task: TaskName; image: Uint8Array };

/** Worker → page: the answer to the request with the same `id`. */
export type DetectorWorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
