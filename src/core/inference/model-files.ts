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
  return await loadGraphModel(modelFileHandler(modelJsonPath, readFile));
}

/**
 * Loads a graph model and then drops the weight bytes it keeps: `GraphModel` holds on to its
 * loaded artifacts (for `save()`), so the weight file stayed in memory next to the weight tensors
 * made from it (e.g. 7.6 MB for NanoDet, 9.4 MB for MoveNet MultiPose, per model). The model
 * cannot be saved afterwards; it runs as before.
 *
 * @param handler Reads the model's artifacts.
 * @returns The loaded model.
 * @throws {TypeError} When the handler cannot load.
 */
export async function loadGraphModel(handler: tf.io.IOHandler): Promise<GraphModel> {
  const load = handler.load;
  if (load === undefined) throw new TypeError("The model handler cannot load");
  let artifacts: tf.io.ModelArtifacts | undefined;
  const model = new GraphModel({ load: async () => (artifacts = await load.call(handler)) });
  await model.load();
  if (artifacts !== undefined) delete artifacts.weightData;
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
