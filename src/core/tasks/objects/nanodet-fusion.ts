/**
 * Speeds up the converted NanoDet-g graph without changing its results. The ONNX → TF.js
 * conversion left every convolution as `Pad → Transpose → Conv2D(VALID) → Add(bias) → Transpose
 * → LeakyRelu`, six kernels where TF.js has one fused kernel. This rewrite, applied to the loaded
 * model topology, folds the padding into the convolution (explicit padding), the bias add into a
 * `_FusedConv2D`, and the activation too (a LeakyRelu after a Transpose equals the Transpose of
 * the LeakyRelu, so it moves into the convolution). Every step applies only where the
 * intermediate result has no other consumer. Finally a Transpose back to NHWC of a Transpose to
 * NCHW is the identity, so such pairs are bypassed.
 * @module
 */
import type * as tf from "@tensorflow/tfjs-core";

/** A node of a TF.js graph-model topology. */
interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

const base64 = (text: string) => btoa(text);

/**
 * Wraps an IOHandler so that the NanoDet graph it loads has fused convolutions.
 *
 * @param base The handler that reads the NanoDet model.
 * @returns A handler whose artifacts carry the rewritten topology (weights unchanged).
 * @example
 * ```ts
 * const model = new GraphModel(withFusedNanoDetConvolutions(modelFileHandler("objects/nanodet.json", read)));
 * ```
 */
export function withFusedNanoDetConvolutions(base: tf.io.IOHandler): tf.io.IOHandler {
  const load = base.load;
  if (load === undefined) throw new TypeError("The model handler cannot load");
  return {
    load: async () => {
      const artifacts = await load.call(base);
      fuseConvolutions(artifacts);
      return artifacts;
    },
  };
}

/**
 * Rewrites the topology in place.
 *
 * @param artifacts Loaded NanoDet artifacts.
 * @returns How many convolutions absorbed their bias, activation and padding.
 */
export function fuseConvolutions(artifacts: tf.io.ModelArtifacts): { bias: number; activation: number; padding: number; transposes: number } {
  const topology = artifacts.modelTopology as { node?: GraphNode[] } | undefined;
  const nodes = topology?.node;
  if (nodes === undefined) throw new TypeError("The model artifacts carry no graph");
  const constants = int32Constants(artifacts);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const removed = new Set<string>();
  const consumers = (name: string) => nodes.filter((n) => !removed.has(n.name) && (n.input ?? []).some((i) => i === name || i === `^${name}`));
  const redirect = (from: string, to: string) => {
    for (const n of nodes) if (n.input) n.input = n.input.map((i) => (i === from ? to : i));
  };
  const counts = { bias: 0, activation: 0, padding: 0, transposes: 0 };

  for (const conv of nodes) {
    if (conv.op !== "Conv2D" || conv.attr === undefined) continue;
    const [add, ...others] = consumers(conv.name);
    const biasName = add?.input?.[1];
    if (add?.op !== "Add" || others.length > 0 || add.input?.[0] !== conv.name || biasName === undefined) continue;
    if (byName.get(biasName)?.op !== "Const") continue;
    const fusedOps = ["BiasAdd"];
    conv.op = "_FusedConv2D";
    conv.input = [...(conv.input ?? []).slice(0, 2), biasName];
    conv.attr.num_args = { i: "1" };
    redirect(add.name, conv.name);
    removed.add(add.name);
    counts.bias++;

    const [transpose, ...moreT] = consumers(conv.name);
    if (transpose?.op === "Transpose" && moreT.length === 0) {
      const [leaky, ...moreL] = consumers(transpose.name);
      const alpha = (leaky?.attr?.alpha as { f?: number } | undefined)?.f;
      if (leaky?.op === "LeakyRelu" && moreL.length === 0 && typeof alpha === "number") {
        fusedOps.push("LeakyRelu");
        conv.attr.leakyrelu_alpha = { f: alpha };
        redirect(leaky.name, transpose.name);
        removed.add(leaky.name);
        counts.activation++;
      }
    }
    conv.attr.fused_ops = { list: { s: fusedOps.map(base64) } };

    const toNhwc = byName.get(conv.input[0] ?? "");
    const pad = byName.get(toNhwc?.input?.[0] ?? "");
    const perm = constants.get(toNhwc?.input?.[1] ?? "");
    const paddings = constants.get(pad?.input?.[1] ?? "");
    const isValid = (conv.attr.padding as { s?: string } | undefined)?.s === base64("VALID");
    if (
      toNhwc?.op === "Transpose" && pad?.op === "Pad" && isValid && perm?.join() === "0,2,3,1" &&
      paddings?.length === 8 && paddings[0] === 0 && paddings[1] === 0 && paddings[2] === 0 && paddings[3] === 0 &&
      consumers(toNhwc.name).length === 1 && consumers(pad.name).length === 1
    ) {
      // NCHW paddings [[n], [c], [h], [w]] → NHWC explicit paddings [n, h, w, c].
      toNhwc.input = [pad.input?.[0] ?? "", ...(toNhwc.input ?? []).slice(1)];
      conv.attr.padding = { s: base64("EXPLICIT") };
      conv.attr.explicit_paddings = { list: { i: [0, 0, paddings[4], paddings[5], paddings[6], paddings[7], 0, 0].map(String) } };
      removed.add(pad.name);
      counts.padding++;
    }
  }
  // Transpose(NCHW → NHWC) of Transpose(NHWC → NCHW) is the identity.
  for (const back of nodes) {
    if (removed.has(back.name) || back.op !== "Transpose" || constants.get(back.input?.[1] ?? "")?.join() !== "0,2,3,1") continue;
    const there = byName.get(back.input?.[0] ?? "");
    if (there?.op !== "Transpose" || removed.has(there.name) || constants.get(there.input?.[1] ?? "")?.join() !== "0,3,1,2") continue;
    redirect(back.name, there.input?.[0] ?? "");
    removed.add(back.name);
    counts.transposes++;
    if (consumers(there.name).length === 0) removed.add(there.name);
  }
  topology!.node = nodes.filter((n) => !removed.has(n.name));
  return counts;
}

/** The small int32 constants (paddings, permutations) stored in the weights, by name. */
function int32Constants(artifacts: tf.io.ModelArtifacts): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const data = artifacts.weightData;
  if (data === undefined || Array.isArray(data)) return found;
  const view = new DataView(data);
  let offset = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = dtype === "uint8" || dtype === "bool" ? 1 : dtype === "uint16" || dtype === "float16" ? 2 : dtype === "complex64" ? 8 : 4;
    if (spec.dtype === "int32" && spec.quantization === undefined && count <= 8) {
      found.set(spec.name, Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, true)));
    }
    offset += count * size;
  }
  return found;
}
