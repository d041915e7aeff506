/** Types of face-model-metadata.mjs (a plain-JS build script, so the browser build needs no TypeScript loader). */
export interface ImageInputMetadata {
  name: string;
  description: string;
  version: string;
  author: string;
  license: string;
  mean: number;
  std: number;
}
export interface ModelRoot {
  version: number;
  targets: number[];
  buffers: number[];
  metadata: { table: number; name: string }[];
}
export function addImageInputMetadata(model: Uint8Array, info: ImageInputMetadata): Uint8Array;
export function readModelRoot(bytes: Uint8Array): ModelRoot;
export function buildModelMetadata(info: ImageInputMetadata): Uint8Array;
