/**
 * Loading TF.js graph models from bytes supplied by the caller, so the same code works in
 * Deno, Node, Bun and the browser (`tf.loadGraphModel('file://…')` does not work in Node).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { GraphModel } from "@tensorflow/tfjs-converter";

/** Reads one file of the model store by its path relative to the models directory. */
export type ReadModelFile = (relativePath: string) => Promise<Uint8Array>;

/**
 * An IOHandler that reads `model.json` and its weight shards through `readFile`.
 *
 * @param modelJsonPath Path of the model JSON relative to the models directory.
 * @param readFile Reads a file relative to the models directory.
 * @returns A TF.js IOHandler for `GraphModel`.
 */
export function modelFileHandler(modelJsonPath: string, readFile: ReadModelFile): tf.io.IOHandler {
  const dir = modelJsonPath.includes("/") ? modelJsonPath.slice(0, modelJsonPath.lastIndexOf("/") + 1) : "";
  return {
    load: async () => {
      const json = JSON.parse(new TextDecoder().decode(await readFile(modelJsonPath))) as tf.io.ModelJSON;
      return await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: Uint8Array[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) buffers.push(await readFile(dir + path));
        }
        return [specs, concatBuffers(buffers)];
      });
    },
  };
}

/**
 * Loads a graph model through {@link modelFileHandler}.
 *
 * @param modelJsonPath Path of the model JSON relative to the models directory.
 * @param readFile Reads a file relative to the models directory.
 * @returns The loaded model.
 */
export async function loadGraphModelFromFiles(modelJsonPath: string, readFile: ReadModelFile): Promise<GraphModel> {
  const model = new GraphModel(modelFileHandler(modelJsonPath, readFile));
  await model.load();
  return model;
}

function concatBuffers(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}
