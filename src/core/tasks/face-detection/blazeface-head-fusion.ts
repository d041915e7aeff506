/**
 * Rewrites a BlazeFace graph into an equivalent one with fewer kernels. At each feature-map scale
 * the model runs two 1×1 convolutions on the same input, a classifier (`A` channels: one score per
 * anchor) and a regressor (`A·D` channels: box and keypoints per anchor); their outputs are
 * reshaped to `[1, anchors, 1]` and `[1, anchors, D]`, concatenated across scales, then
 * concatenated on the last axis into `[1, anchors, 1 + D]`. Interleaving the two filters per anchor
 * (score, then its `D` values) gives one convolution whose output reshapes straight to
 * `[1, anchors, 1 + D]`, so per scale one convolution and one reshape replace two of each, and one
 * concatenation across scales replaces three (the last one, on an 896×17 tensor, cost as much as a
 * mid-sized convolution). Each output value is the same dot product as before. Graphs whose heads
 * look different (the full-range model's go through `DepthToSpace`) are returned unchanged.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GraphNode } from "./blazeface-graph.ts";

/** A rewritten graph: its nodes, the weights they need, and a way to free the new weights. */
export interface FusedHeads {
  nodes: GraphNode[];
  weights: Record<string, tf.Tensor>;
  /** Frees the merged filters and biases (the original weights stay with their model). */
  dispose(): void;
}

type Weights = tf.NamedTensorMap | Record<string, tf.Tensor[]>;

/**
 * Fuses the classifier and regressor heads feeding `outputName` (see the module comment).
 *
 * @param nodes The graph's nodes (not modified).
 * @param weights The loaded weights by node name (not modified).
 * @param outputName The node holding the `[1, anchors, 1 + D]` detections.
 * @returns The rewritten graph, or the original nodes and weights when the heads do not have the
 *   expected shape (nothing to dispose then).
 * @example
 * ```ts
 * const fused = fuseDetectionHeads(topology.node, model.weights, "Identity");
 * const graph = compileGraph(fused.nodes, fused.weights, "input", "Identity");
 * ```
 */
export function fuseDetectionHeads(nodes: readonly GraphNode[], weights: Weights, outputName: string): FusedHeads {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const weight = (name: string): tf.Tensor | undefined => {
    const w = (weights as Record<string, tf.Tensor | tf.Tensor[]>)[name];
    return Array.isArray(w) ? w[0] : w;
  };
  const original: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(weights)) original[name] = weight(name) as tf.Tensor;
  const unchanged: FusedHeads = { nodes: [...nodes], weights: original, dispose: () => undefined };

  const node = (ref: string | undefined) => (ref === undefined ? undefined : byName.get(ref.replace(/:0$/, "")));
  const axisOf = (concat: GraphNode) => weight((concat.input ?? []).at(-1) ?? "")?.dataSync()[0];
  let output = node(outputName);
  while (output?.op === "Identity") output = node(output.input?.[0]);
  if (output?.op !== "ConcatV2" || output.input?.length !== 3 || axisOf(output) !== 2) return unchanged;
  // Per scale, the convolution under each reshape (one scale: no concatenation across scales).
  const convolutions = (ref: string | undefined): (GraphNode | undefined)[] => {
    const head = node(ref);
    if (head?.op === "Reshape") return [node(head.input?.[0])];
    if (head?.op !== "ConcatV2" || axisOf(head) !== 1) return [];
    return (head.input ?? []).slice(0, -1).map((part) => (node(part)?.op === "Reshape" ? node(node(part)?.input?.[0]) : undefined));
  };
  const scoreParts = convolutions(output.input[0]);
  const boxParts = convolutions(output.input[1]);
  if (scoreParts.length !== boxParts.length || scoreParts.length === 0) return unchanged;

  const created: tf.Tensor[] = [];
  const added: GraphNode[] = [];
  const fusedWeights: Record<string, tf.Tensor> = { ...original };
  const reshapes: string[] = [];
  for (let i = 0; i < scoreParts.length; i++) {
    const [score, box] = [scoreParts[i], boxParts[i]];
    const merged = score !== undefined && box !== undefined ? mergeHeads(score, box, weight) : undefined;
    if (merged === undefined) {
      tf.dispose(created);
      return unchanged;
    }
    const name = `${score!.name}/fused_head`;
    fusedWeights[`${name}/filter`] = merged.filter;
    fusedWeights[`${name}/bias`] = merged.bias;
    fusedWeights[`${name}/shape`] = merged.shape;
    created.push(merged.filter, merged.bias, merged.shape);
    added.push(
      { name: `${name}/filter`, op: "Const" },
      { name: `${name}/bias`, op: "Const" },
      { name: `${name}/shape`, op: "Const" },
      { ...score!, name, input: [score!.input![0]!, `${name}/filter`, `${name}/bias`] },
      { name: `${name}/reshape`, op: "Reshape", input: [name, `${name}/shape`] },
    );
    reshapes.push(`${name}/reshape`);
  }
  let joined: GraphNode = { name: output.name, op: "Identity", input: reshapes };
  if (reshapes.length > 1) {
    const axisName = `${output.name}/fused_head_axis`;
    const axis = tf.scalar(1, "int32");
    fusedWeights[axisName] = axis;
    created.push(axis);
    added.push({ name: axisName, op: "Const" });
    joined = { name: output.name, op: "ConcatV2", input: [...reshapes, axisName] };
  }
  const rewritten = nodes.map((n) => (n === output ? joined : n));
  return { nodes: [...rewritten, ...added], weights: fusedWeights, dispose: () => tf.dispose(created) };
}

/** One convolution computing, per anchor, the score's channel and then the box's `D` channels. */
function mergeHeads(
  score: GraphNode,
  box: GraphNode,
  weight: (name: string) => tf.Tensor | undefined,
): { filter: tf.Tensor; bias: tf.Tensor; shape: tf.Tensor } | undefined {
  const sameConv = score.op === "_FusedConv2D" && box.op === "_FusedConv2D" && score.input?.[0] === box.input?.[0] &&
    canonical(score.attr) === canonical(box.attr);
  if (!sameConv) return undefined;
  const [sf, sb, bf, bb] = [score.input?.[1], score.input?.[2], box.input?.[1], box.input?.[2]].map((n) => weight(n ?? ""));
  if (sf === undefined || sb === undefined || bf === undefined || bb === undefined || sf.rank !== 4 || bf.rank !== 4) return undefined;
  const [kh, kw, cin, anchors] = sf.shape as [number, number, number, number];
  const boxChannels = bf.shape[3] as number;
  if (bf.shape[0] !== kh || bf.shape[1] !== kw || bf.shape[2] !== cin || boxChannels % anchors !== 0) return undefined;
  const d = boxChannels / anchors;
  const width = anchors * (1 + d);
  const [sfData, bfData, sbData, bbData] = [sf.dataSync(), bf.dataSync(), sb.dataSync(), bb.dataSync()];
  const filter = new Float32Array(kh * kw * cin * width);
  for (let p = 0; p < kh * kw * cin; p++) {
    for (let a = 0; a < anchors; a++) {
      filter[p * width + a * (1 + d)] = sfData[p * anchors + a] as number;
      for (let k = 0; k < d; k++) filter[p * width + a * (1 + d) + 1 + k] = bfData[p * boxChannels + a * d + k] as number;
    }
  }
  const bias = new Float32Array(width);
  for (let a = 0; a < anchors; a++) {
    bias[a * (1 + d)] = sbData[a] as number;
    for (let k = 0; k < d; k++) bias[a * (1 + d) + 1 + k] = bbData[a * d + k] as number;
  }
  return {
    filter: tf.tensor4d(filter, [kh, kw, cin, width]),
    bias: tf.tensor1d(bias),
    shape: tf.tensor1d([1, -1, 1 + d], "int32"),
  };
}

/** Attributes as text with sorted keys (the converter writes them in any order). */
function canonical(attr: GraphNode["attr"]): string {
  return JSON.stringify(Object.entries(attr ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
}
