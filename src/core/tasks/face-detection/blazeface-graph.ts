/**
 * Runs a BlazeFace TF.js graph as a precompiled list of TF.js kernel calls. `GraphModel.execute`
 * re-reads every node's attributes and manages a tensor map on every call, which costs more than
 * the convolutions themselves for a model this small; here that work is done once at load time.
 * Only the ops the BlazeFace graphs use are supported; anything else is refused at compile time.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/** One node of a TF.js graph-model JSON (`modelTopology.node`). */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { s?: string; i?: string; b?: boolean; list?: { i?: string[]; s?: string[] } }>;
}

/** A compiled graph: input tensor in, output tensor out (caller disposes it). */
export interface CompiledGraph {
  execute(input: tf.Tensor): tf.Tensor;
}

type Value = tf.Tensor | number[] | number;
type Step = (values: Value[]) => void;

/**
 * Compiles the part of a graph that computes `outputName` from `inputName`.
 *
 * @param nodes The graph's nodes.
 * @param weights The loaded weights (`GraphModel.weights`), by node name.
 * @param inputName The placeholder node fed with the image.
 * @param outputName The node whose value is returned.
 * @returns The compiled graph.
 * @throws {Error} When the graph uses an op this runner does not support, or a node is missing.
 */
export function compileGraph(nodes: readonly GraphNode[], weights: tf.NamedTensorMap | Record<string, tf.Tensor[]>, inputName: string, outputName: string): CompiledGraph {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const slots = new Map<string, number>();
  const steps: Step[] = [];
  const constants: Value[] = [];

  const weight = (name: string): tf.Tensor => {
    const w = (weights as Record<string, tf.Tensor | tf.Tensor[]>)[name];
    const tensor = Array.isArray(w) ? w[0] : w;
    if (tensor === undefined) throw new Error(`Graph constant "${name}" has no weights`);
    return tensor;
  };
  const constArray = (name: string): number[] => Array.from(weight(name).dataSync());

  const visit = (ref: string): number => {
    const name = ref.replace(/^\^/, "").replace(/:0$/, "");
    const known = slots.get(name);
    if (known !== undefined) return known;
    const node = byName.get(name);
    if (node === undefined) throw new Error(`Graph node "${name}" is missing`);
    const slot = slots.size;
    slots.set(name, slot);
    if (node.op === "Const") {
      const t = weight(name);
      constants[slot] = t.rank === 0 && t.dtype === "int32" ? (t.dataSync()[0] as number) : t;
      return slot;
    }
    if (node.op === "Placeholder") {
      if (name !== inputName) throw new Error(`Unexpected graph input "${name}"`);
      return slot;
    }
    const inputs = (node.input ?? []).filter((i) => !i.startsWith("^"));
    const ins = inputs.map(visit);
    const isConst = (ref: string) => byName.get(ref.replace(/:0$/, ""))?.op === "Const";
    steps.push(compileNode(node, ins, slot, inputs, constArray, isConst));
    return slot;
  };
  const outputSlot = visit(outputName);
  const inputSlot = slots.get(inputName);
  if (inputSlot === undefined) throw new Error(`Graph output "${outputName}" does not depend on input "${inputName}"`);

  return {
    execute(input: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const values = constants.slice();
        values[inputSlot] = input;
        for (const step of steps) step(values);
        return values[outputSlot] as tf.Tensor;
      });
    },
  };
}

const decode = (s: string | undefined): string => (s === undefined ? "" : atob(s));

/**
 * Calls a kernel directly. The public op wrappers (e.g. `tf.fused.conv2d`) add argument checks and
 * gradient bookkeeping on every call; the attributes here are validated once, at compile time.
 */
function run(kernel: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}

function compileNode(
  node: GraphNode,
  ins: number[],
  out: number,
  inputNames: string[],
  constArray: (name: string) => number[],
  isConst: (name: string) => boolean,
): Step {
  const attr = node.attr ?? {};
  const ints = (key: string): number[] => (attr[key]?.list?.i ?? []).map(Number);
  const pad = (): "same" | "valid" => {
    const p = decode(attr.padding?.s);
    if (p !== "SAME" && p !== "VALID") throw new Error(`Unsupported padding "${p}" in "${node.name}"`);
    return p === "SAME" ? "same" : "valid";
  };
  const strides = (): [number, number] => {
    const s = ints("strides");
    return [s[1] ?? 1, s[2] ?? 1];
  };
  const [a = -1, b = -1, c = -1] = ins;
  const t = (values: Value[], i: number) => values[i] as tf.Tensor;
  switch (node.op) {
    case "_FusedConv2D":
    case "FusedDepthwiseConv2dNative": {
      const fused = (attr.fused_ops?.list?.s ?? []).map(decode);
      if (fused[0] !== "BiasAdd" || fused.length > 2 || (fused[1] !== undefined && fused[1] !== "Relu")) {
        throw new Error(`Unsupported fused ops "${fused.join(",")}" in "${node.name}"`);
      }
      const activation = fused[1] === "Relu" ? "relu" : "linear";
      const [st, p] = [strides(), pad()];
      const kernel = node.op === "_FusedConv2D" ? "FusedConv2D" : "FusedDepthwiseConv2D";
      const attrs = { strides: st, pad: p, dataFormat: "NHWC", dilations: [1, 1], activation, leakyreluAlpha: 0.2 };
      return (v) => (v[out] = run(kernel, { x: t(v, a), filter: t(v, b), bias: t(v, c) }, attrs));
    }
    case "DepthwiseConv2dNative": {
      const [st, p] = [strides(), pad()];
      const attrs = { strides: st, pad: p, dataFormat: "NHWC", dilations: [1, 1] };
      return (v) => (v[out] = run("DepthwiseConv2dNative", { x: t(v, a), filter: t(v, b) }, attrs));
    }
    case "AddV2":
      return (v) => (v[out] = run("Add", { a: t(v, a), b: t(v, b) }, {}));
    case "Relu":
      return (v) => (v[out] = run("Relu", { x: t(v, a) }, {}));
    case "Identity":
      return (v) => (v[out] = v[a] as Value);
    case "Pad": {
      const flat = constArray(inputNames[1] as string);
      const paddings = Array.from({ length: flat.length / 2 }, (_, i) => [flat[i * 2] as number, flat[i * 2 + 1] as number] as [number, number]);
      return (v) => (v[out] = run("PadV2", { x: t(v, a) }, { paddings, constantValue: 0 }));
    }
    case "MaxPool": {
      const k = ints("ksize");
      const [st, p] = [strides(), pad()];
      const attrs = { filterSize: [k[1] ?? 1, k[2] ?? 1], strides: st, pad: p };
      return (v) => (v[out] = run("MaxPool", { x: t(v, a) }, attrs));
    }
    case "ResizeBilinear": {
      const size = constArray(inputNames[1] as string) as [number, number];
      const alignCorners = attr.align_corners?.b ?? false;
      const halfPixelCenters = attr.half_pixel_centers?.b ?? false;
      return (v) => (v[out] = run("ResizeBilinear", { images: t(v, a) }, { size, alignCorners, halfPixelCenters }));
    }
    case "DepthToSpace": {
      const blockSize = Number(attr.block_size?.i ?? 0);
      return (v) => (v[out] = run("DepthToSpace", { x: t(v, a) }, { blockSize, dataFormat: "NHWC" }));
    }
    case "ConcatV2": {
      const axis = constArray(inputNames[inputNames.length - 1] as string)[0] as number;
      const parts = ins.slice(0, -1);
      return (v) => (v[out] = run("Concat", parts.map((i) => t(v, i)) as unknown as tf.NamedTensorMap, { axis }));
    }
    case "Reshape":
      if (isConst(inputNames[1] as string)) {
        const shape = constArray(inputNames[1] as string);
        return (v) => (v[out] = run("Reshape", { x: t(v, a) }, { shape }));
      }
      return (v) => {
        const shape = v[b];
        v[out] = run("Reshape", { x: t(v, a) }, { shape: Array.isArray(shape) ? shape : Array.from((shape as tf.Tensor).dataSync()) });
      };
    // Shape arithmetic on plain numbers: Shape → StridedSlice (one element) → Pack → Reshape.
    case "Shape":
      return (v) => (v[out] = t(v, a).shape.slice());
    case "StridedSlice": {
      const [begin, end, step] = inputNames.slice(1).map(constArray);
      if (attr.shrink_axis_mask?.i !== "1" || begin?.length !== 1 || step?.[0] !== 1 || end?.[0] !== (begin[0] as number) + 1) {
        throw new Error(`Unsupported StridedSlice "${node.name}"`);
      }
      const index = begin[0] as number;
      return (v) => (v[out] = (v[a] as number[])[index] as number);
    }
    case "Pack":
      if (attr.axis?.i !== undefined && attr.axis.i !== "0") throw new Error(`Unsupported Pack axis in "${node.name}"`);
      return (v) => (v[out] = ins.map((i) => v[i] as number));
    default:
      throw new Error(`Unsupported op "${node.op}" in "${node.name}"`);
  }
}
