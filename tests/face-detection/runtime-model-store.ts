// Test helper: the model store (src/runtime/model-store.ts, one for Deno, Node and Bun) and the
// name of the runtime the test runs in.
import type { ReadModelFile } from "../../src/core/inference/model-files.ts";

export interface RuntimeModelStore {
  runtime: "deno" | "bun" | "node";
  readModelFile: ReadModelFile;
  wasmDirectory: string;
  readJpegWasm(): Promise<Uint8Array>;
}

export async function runtimeModelStore(): Promise<RuntimeModelStore> {
  const scope = globalThis as { Deno?: unknown; Bun?: unknown };
  const runtime = scope.Deno !== undefined ? "deno" : scope.Bun !== undefined ? "bun" : "node";
  const store = await import("../../src/runtime/model-store.ts");
  return { runtime, readModelFile: store.createModelStore(), wasmDirectory: store.WASM_DIRECTORY, readJpegWasm: store.readJpegWasm };
}

export function iou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const ih = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}
