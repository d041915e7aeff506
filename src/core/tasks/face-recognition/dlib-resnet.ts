/**
 * The dlib face-recognition ResNet (29 conv layers, 128-d output), rebuilt with TF.js ops from the
 * weights that `@vladmandic/face-api` ships (`face_recognition_model-weights_manifest.json` + `.bin`).
 * The layer layout follows face-api's `faceRecognitionNet`; each conv's affine "scale" layer is
 * folded into its filters and bias at load time so every conv runs as one fused WASM op.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ReadModelFile } from "../../inference/model-files.ts";
import { storedBytesPerElement } from "../../inference/weight-data.ts";
import { FACE_EMBEDDING_LENGTH } from "./config.ts";

/** Side of the square input crop in pixels. */
export const DLIB_INPUT_SIZE = 150;
/** Per-channel RGB mean subtracted before dividing by 255 (dlib's training normalisation). */
export const DLIB_MEAN_RGB: readonly [number, number, number] = [122.782, 117.001, 104.298];
/** Length of one embedding. */
export const DLIB_EMBEDDING_SIZE = FACE_EMBEDDING_LENGTH;

/** Model file paths relative to the models directory. */
export const DLIB_RESNET_FILES = {
  manifest: "face-recognition/face_recognition_model-weights_manifest.json",
} as const;

interface FoldedConv {
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

interface ResidualBlock {
  conv1: FoldedConv;
  conv2: FoldedConv;
}

const RESIDUAL_BLOCKS = [
  ["conv32_1", false], ["conv32_2", false], ["conv32_3", false],
  ["conv64_down", true], ["conv64_1", false], ["conv64_2", false], ["conv64_3", false],
  ["conv128_down", true], ["conv128_1", false], ["conv128_2", false],
  ["conv256_down", true], ["conv256_1", false], ["conv256_2", false],
  ["conv256_down_out", true],
] as const;

/** A loaded dlib ResNet: maps normalised 150×150 RGB crops to 128-d embeddings. */
export class DlibResNet {
  readonly #stem: FoldedConv;
  readonly #blocks: { block: ResidualBlock; down: boolean }[];
  readonly #fc: tf.Tensor2D;

  private constructor(stem: FoldedConv, blocks: { block: ResidualBlock; down: boolean }[], fc: tf.Tensor2D) {
    this.#stem = stem;
    this.#blocks = blocks;
    this.#fc = fc;
  }

  /**
   * Loads and folds the weights. Needs an initialised TF.js backend.
   *
   * @param readModelFile Reads a file relative to the models directory.
   * @returns The network, ready for {@link DlibResNet.embed}.
   * @throws {Error} When a weight is missing from the manifest.
   */
  static async load(readModelFile: ReadModelFile): Promise<DlibResNet> {
    const manifestPath = DLIB_RESNET_FILES.manifest;
    const dir = manifestPath.slice(0, manifestPath.lastIndexOf("/") + 1);
    const manifest = JSON.parse(new TextDecoder().decode(await readModelFile(manifestPath))) as tf.io.WeightsManifestConfig;
    const specs: tf.io.WeightsManifestEntry[] = [];
    const parts: Uint8Array[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const path of group.paths) parts.push(await readModelFile(dir + path));
    }
    const weights = new WeightReader(concat(parts), specs, manifestPath);
    const fold = (prefix: string): FoldedConv => tf.tidy(() => {
      const scale = weights.take(`${prefix}/scale/weights`);
      return {
        filter: tf.keep(tf.mul(weights.take(`${prefix}/conv/filters`), scale) as tf.Tensor4D),
        bias: tf.keep(tf.add(tf.mul(weights.take(`${prefix}/conv/bias`), scale), weights.take(`${prefix}/scale/biases`)) as tf.Tensor1D),
      };
    });
    const folded: FoldedConv[] = [];
    try {
      const stem = fold("conv32_down");
      folded.push(stem);
      const blocks = RESIDUAL_BLOCKS.map(([name, down]) => {
        const block = { conv1: fold(`${name}/conv1`), conv2: fold(`${name}/conv2`) };
        folded.push(block.conv1, block.conv2);
        return { block, down };
      });
      const fc = weights.take("fc") as tf.Tensor2D;
      return new DlibResNet(stem, blocks, fc);
    } catch (error) {
      for (const conv of folded) tf.dispose([conv.filter, conv.bias]);
      throw error;
    }
  }

  /**
   * Embeds a batch of crops.
   *
   * @param crops `[n, 150, 150, 3]` float32, already normalised as `(rgb − DLIB_MEAN_RGB) / 255`.
   * @returns `[n, 128]` embeddings (the caller disposes the tensor).
   */
  embed(crops: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      let out = fusedConv(crops, this.#stem, 2, "valid", true);
      out = tf.maxPool(out, 3, 2, "valid");
      for (const { block, down } of this.#blocks) out = down ? residualDown(out, block) : residual(out, block);
      return tf.matMul(tf.mean(out, [1, 2]) as tf.Tensor2D, this.#fc);
    });
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose([this.#stem.filter, this.#stem.bias, this.#fc]);
    for (const { block } of this.#blocks) tf.dispose([block.conv1.filter, block.conv1.bias, block.conv2.filter, block.conv2.bias]);
  }
}

function fusedConv(x: tf.Tensor4D, conv: FoldedConv, stride: number, pad: "valid" | "same", relu: boolean): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: conv.filter, strides: stride, pad, bias: conv.bias, activation: relu ? "relu" : "linear" });
}

function residual(x: tf.Tensor4D, block: ResidualBlock): tf.Tensor4D {
  const out = fusedConv(fusedConv(x, block.conv1, 1, "same", true), block.conv2, 1, "same", false);
  return tf.relu(tf.add(out, x)) as tf.Tensor4D;
}

/** Strided residual block: the shortcut is a 2×2 average pool, zero-padded in size and channels to match. */
function residualDown(x: tf.Tensor4D, block: ResidualBlock): tf.Tensor4D {
  let out = fusedConv(fusedConv(x, block.conv1, 2, "valid", true), block.conv2, 1, "same", false);
  let pooled = tf.avgPool(x, 2, 2, "valid") as tf.Tensor4D;
  const [, ph, pw, pc] = pooled.shape;
  const [, oh, ow, oc] = out.shape;
  if (ph !== oh || pw !== ow) out = tf.pad(out, [[0, 0], [0, ph - oh], [0, pw - ow], [0, 0]]);
  if (pc !== oc) pooled = tf.pad(pooled, [[0, 0], [0, 0], [0, 0], [0, oc - pc]]);
  return tf.relu(tf.add(pooled, out)) as tf.Tensor4D;
}

/**
 * Decodes one weight at a time (uint8 → float32 into the WASM heap), so loading never holds the
 * whole unfolded float32 model next to the folded one: the WASM heap never shrinks, and decoding
 * everything up front grew it by the model's float32 size (~26 MB) for good.
 */
class WeightReader {
  readonly #data: ArrayBuffer;
  readonly #entries = new Map<string, { spec: tf.io.WeightsManifestEntry; offset: number; bytes: number }>();
  readonly #source: string;

  constructor(data: ArrayBuffer, specs: readonly tf.io.WeightsManifestEntry[], source: string) {
    this.#data = data;
    this.#source = source;
    let offset = 0;
    for (const spec of specs) {
      const bytes = spec.shape.reduce((a, b) => a * b, 1) * storedBytesPerElement(spec);
      this.#entries.set(spec.name, { spec, offset, bytes });
      offset += bytes;
    }
  }

  /**
   * The weight `name` as a new tensor (the caller owns it).
   * @throws {Error} When the manifest has no such weight.
   */
  take(name: string): tf.Tensor {
    const entry = this.#entries.get(name);
    if (entry === undefined) throw new Error(`Weight "${name}" is missing from "${this.#source}"`);
    const { spec, offset, bytes } = entry;
    const tensor = tf.io.decodeWeights(this.#data.slice(offset, offset + bytes), [spec])[name];
    if (tensor === undefined) throw new Error(`Weight "${name}" could not be decoded from "${this.#source}"`);
    return tensor;
  }
}

function concat(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}
