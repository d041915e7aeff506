/**
 * Adds the TFLite Model Metadata that MediaPipe Tasks' FaceDetector requires (input colour space RGB,
 * NormalizationOptions mean/std 127.5) to the BlazeFace short-range `.tflite` that ships in
 * `@mediapipe/face_detection` without it. Pure: bytes in, bytes out; same input, same output.
 *
 * How: MediaPipe reads metadata from the model's `metadata` entry named "TFLITE_METADATA", whose
 * buffer holds a `ModelMetadata` flatbuffer (identifier "M001", tensorflow/tflite-support
 * metadata_schema.fbs). Flatbuffer offsets only point forward, so instead of editing the model in
 * place a new root `Model` table (with the buffer and metadata vectors extended by one entry) is
 * written in front of the unchanged original; every other field points into the original bytes.
 */
import { Builder } from "flatbuffers";

const MODEL_FIELDS = 8; // tflite schema.fbs: version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const FIELD = { version: 0, buffers: 4, metadata: 6 };
const PROCESS_UNIT_NORMALIZATION = 1; // ProcessUnitOptions.NormalizationOptions
const CONTENT_IMAGE_PROPERTIES = 2; // ContentProperties.ImageProperties
const COLOR_SPACE_RGB = 1;

/**
 * @param {Uint8Array} model A `.tflite` file without metadata.
 * @param {{ name: string, description: string, version: string, author: string, license: string, mean: number, std: number }} info
 * @returns {Uint8Array} The same model with a "TFLITE_METADATA" entry.
 * @throws {Error} If the bytes are not a TFLite flatbuffer or already carry metadata.
 */
export function addImageInputMetadata(model, info) {
  const old = readModelRoot(model);
  if (old.metadata.some((m) => m.name === "TFLITE_METADATA")) throw new Error("Model already has TFLITE_METADATA");
  const metadata = buildModelMetadata(info);
  return prependRoot(model, old, metadata);
}

/** Reads what the new root needs from the original model's root table. */
export function readModelRoot(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ident = String.fromCharCode(...bytes.subarray(4, 8));
  if (ident !== "TFL3") throw new Error(`Not a TFLite model (identifier "${ident}")`);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  const vtableSize = view.getUint16(vtable, true);
  const fieldPos = (i) => {
    const slot = 4 + 2 * i;
    if (slot >= vtableSize) return 0;
    const off = view.getUint16(vtable + slot, true);
    return off === 0 ? 0 : root + off;
  };
  const target = (pos) => pos + view.getUint32(pos, true);
  const vector = (pos) => {
    if (pos === 0) return [];
    const start = target(pos);
    const length = view.getUint32(start, true);
    return Array.from({ length }, (_, k) => target(start + 4 + 4 * k));
  };
  const fields = Array.from({ length: MODEL_FIELDS }, (_, i) => fieldPos(i));
  const string = (pos) => {
    const length = view.getUint32(pos, true);
    return new TextDecoder().decode(bytes.subarray(pos + 4, pos + 4 + length));
  };
  const tableField = (table, i) => {
    const vt = table - view.getInt32(table, true);
    const slot = 4 + 2 * i;
    if (slot >= view.getUint16(vt, true)) return 0;
    const off = view.getUint16(vt + slot, true);
    return off === 0 ? 0 : table + off;
  };
  const metadata = vector(fields[FIELD.metadata]).map((table) => {
    const namePos = tableField(table, 0);
    return { table, name: namePos ? string(target(namePos)) : "" };
  });
  const buffers = vector(fields[FIELD.buffers]);
  for (const buffer of buffers) {
    const offsetPos = tableField(buffer, 1);
    if (offsetPos !== 0 && view.getBigUint64(offsetPos, true) !== 0n) {
      throw new Error("Models with buffers stored outside the flatbuffer (offset/size) are not supported");
    }
  }
  return {
    version: fields[FIELD.version] ? view.getUint32(fields[FIELD.version], true) : 0,
    // Absolute positions of the objects each uoffset field points at (0 = absent).
    targets: fields.map((pos, i) => (pos === 0 || i === FIELD.version ? 0 : target(pos))),
    buffers,
    metadata,
  };
}

/** The ModelMetadata flatbuffer (identifier "M001") for one RGB float image input. */
export function buildModelMetadata(info) {
  const b = new Builder(512);
  const floats = (value) => {
    b.startVector(4, 1, 4);
    b.addFloat32(value);
    return b.endVector();
  };
  const offsets = (list) => {
    b.startVector(4, list.length, 4);
    for (let i = list.length - 1; i >= 0; i--) b.addOffset(list[i]);
    return b.endVector();
  };
  const mean = floats(info.mean);
  const std = floats(info.std);
  b.startObject(2); // NormalizationOptions { mean, std }
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2); // ProcessUnit { options_type, options }
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  b.startObject(2); // ImageProperties { color_space, default_size }
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  const imageProperties = b.endObject();
  b.startObject(3); // Content { content_properties_type, content_properties, range }
  b.addFieldInt8(0, CONTENT_IMAGE_PROPERTIES, 0);
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();
  const inputName = b.createString("image");
  const processUnits = offsets([processUnit]);
  b.startObject(7); // TensorMetadata { name, description, dimension_names, content, process_units, stats, associated_files }
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const input = b.endObject();
  const inputs = offsets([input]);
  b.startObject(10); // SubGraphMetadata { name, description, input_tensor_metadata, … }
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsets([subgraph]);
  const strings = ["name", "description", "version", "author", "license"].map((k) => b.createString(info[k]));
  const minParser = b.createString("1.0.0");
  b.startObject(8); // ModelMetadata { name, description, version, subgraph_metadata, author, license, associated_files, min_parser_version }
  b.addFieldOffset(0, strings[0], 0);
  b.addFieldOffset(1, strings[1], 0);
  b.addFieldOffset(2, strings[2], 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(4, strings[3], 0);
  b.addFieldOffset(5, strings[4], 0);
  b.addFieldOffset(7, minParser, 0);
  const root = b.endObject();
  b.finish(root, "M001");
  return b.asUint8Array().slice();
}

/** Writes a new root Model table, extended vectors and the metadata buffer in front of the original. */
function prependRoot(original, old, metadataBytes) {
  // Layout is computed first (positions), then written; everything in the new head points forward.
  const align = (n, a) => (n + a - 1) & ~(a - 1);
  let p = 8; // root uoffset + "TFL3"
  const vtModel = p; p += 4 + 2 * MODEL_FIELDS; p = align(p, 4);
  const tModel = p; p += 4 + 4 * MODEL_FIELDS;
  const buffersVec = p; p += 4 + 4 * (old.buffers.length + 1);
  const metadataVec = p; p += 4 + 4 * (old.metadata.length + 1);
  const vtMeta = p; p += 4 + 2 * 2; p = align(p, 4);
  const tMeta = p; p += 4 + 4 + 4; // soffset, name uoffset, buffer index
  const name = "TFLITE_METADATA";
  const nameStr = p; p += align(4 + name.length + 1, 4);
  const vtBuf = p; p += 4 + 2 * 1; p = align(p, 4);
  const tBuf = p; p += 4 + 4; // soffset, data uoffset
  p = align(p + 4, 16) - 4; // the data bytes after the length word are 16-aligned (force_align: 16)
  const dataVec = p; p += 4 + metadataBytes.length;
  const base = align(p, 64); // original bytes keep their alignment
  const head = new Uint8Array(base);
  const dv = new DataView(head.buffer);
  const u16 = (at, v) => dv.setUint16(at, v, true);
  const u32 = (at, v) => dv.setUint32(at, v, true);
  const ref = (at, targetAbs) => u32(at, targetAbs - at);
  u32(0, tModel);
  head.set([0x54, 0x46, 0x4c, 0x33], 4); // "TFL3"
  // Model vtable + table: every field kept, buffers/metadata replaced by the new vectors.
  u16(vtModel, 4 + 2 * MODEL_FIELDS);
  u16(vtModel + 2, 4 + 4 * MODEL_FIELDS);
  dv.setInt32(tModel, tModel - vtModel, true);
  for (let i = 0; i < MODEL_FIELDS; i++) {
    const at = tModel + 4 + 4 * i;
    let present = true;
    if (i === FIELD.version) u32(at, old.version);
    else if (i === FIELD.buffers) ref(at, buffersVec);
    else if (i === FIELD.metadata) ref(at, metadataVec);
    else if (old.targets[i] !== 0) ref(at, base + old.targets[i]);
    else present = false;
    u16(vtModel + 4 + 2 * i, present ? 4 + 4 * i : 0);
  }
  u32(buffersVec, old.buffers.length + 1);
  old.buffers.forEach((t, k) => ref(buffersVec + 4 + 4 * k, base + t));
  ref(buffersVec + 4 + 4 * old.buffers.length, tBuf);
  u32(metadataVec, old.metadata.length + 1);
  old.metadata.forEach((m, k) => ref(metadataVec + 4 + 4 * k, base + m.table));
  ref(metadataVec + 4 + 4 * old.metadata.length, tMeta);
  u16(vtMeta, 8); u16(vtMeta + 2, 12); u16(vtMeta + 4, 4); u16(vtMeta + 6, 8);
  dv.setInt32(tMeta, tMeta - vtMeta, true);
  ref(tMeta + 4, nameStr);
  u32(tMeta + 8, old.buffers.length);
  u32(nameStr, name.length);
  head.set(new TextEncoder().encode(name), nameStr + 4);
  u16(vtBuf, 6); u16(vtBuf + 2, 8); u16(vtBuf + 4, 4);
  dv.setInt32(tBuf, tBuf - vtBuf, true);
  ref(tBuf + 4, dataVec);
  u32(dataVec, metadataBytes.length);
  head.set(metadataBytes, dataVec + 4);
  const out = new Uint8Array(base + original.length);
  out.set(head, 0);
  out.set(original, base);
  return out;
}
