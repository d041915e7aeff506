/**
 * Pure parts of the server: configuration precedence and validation, and the reference's lenient
 * Base64 decoding (cross-checked against Node's decoder).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultServerConfig, engineConfigOf, parseServerConfig } from "../../src/server/config.ts";
import { decodeLenientBase64 } from "../../src/server/http/lenient-base64.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];

describe("server configuration", () => {
  test("defaults: port 8008, one worker per core, 16 MiB bodies, every task", () => {
    const config = parseServerConfig({ argv: [], getEnv: env({}), cores: 4 });
    assert.equal(config.port, 8008);
    assert.equal(config.poolSize, 4);
    assert.equal(config.maxBodyBytes, 16 * 1024 * 1024);
    assert.equal(config.tasks, undefined);
    assert.deepEqual(config, defaultServerConfig(4));
  });

  test("flags beat environment variables, which beat defaults; --flag=value works", () => {
    const config = parseServerConfig({
      argv: ["--port", "0", "--pool-size=3", "--tasks", "face-detection,pose"],
      getEnv: env({ PORT: "9000", HOST: "127.0.0.1", EDGEVISION_QUEUE_LENGTH: "7" }),
      cores: 2,
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.poolSize, 3);
    assert.equal(config.queueLength, 7);
    assert.deepEqual(config.tasks, ["face-detection", "pose"]);
  });

  test("model flags become the workers' engine sections", () => {
    const config = parseServerConfig({
      argv: ["--face-model", "full", "--pose-model=lightning", "--objects-input-size", "320x416"],
      getEnv: env({ EDGEVISION_OBJECTS_MIN_SCORE: "0.15" }),
      cores: 2,
    });
    assert.deepEqual(engineConfigOf(config), {
      maxPixels: 4_194_304,
      "face-detection": { model: "full" },
      pose: { model: "lightning" },
      objects: { inputSize: [320, 416], minScore: 0.15 },
    });
    assert.deepEqual(engineConfigOf(defaultServerConfig(2))["face-detection"], { model: "short" });
    assert.deepEqual(engineConfigOf(defaultServerConfig(2)).objects, { inputSize: [160, 224] }, "no objects flags: the detector's defaults (0.4 for every class)");
    const objectsOf = (argv: string[], vars: Record<string, string> = {}) => engineConfigOf(parseServerConfig({ argv, getEnv: env(vars), cores: 2 })).objects;
    assert.deepEqual(objectsOf(["--objects-class-thresholds", "calibrated"]), { inputSize: [160, 224], minScore: 0.3, classMinScores: "calibrated" }, "the table, 0.3 for the classes outside it");
    assert.deepEqual(objectsOf(["--objects-min-score", "0.35"], { EDGEVISION_OBJECTS_CLASS_THRESHOLDS: "calibrated" }), { inputSize: [160, 224], minScore: 0.35, classMinScores: "calibrated" });
    assert.deepEqual(objectsOf(["--objects-class-thresholds=off"], { EDGEVISION_OBJECTS_CLASS_THRESHOLDS: "calibrated" }), { inputSize: [160, 224] }, "the flag beats the variable");
    const parse = (argv: string[]) => parseServerConfig({ argv, getEnv: env({}), cores: 2 });
    assert.throws(() => parse(["--pose-model", "openpose"]), /--pose-model must be "multipose" or "lightning", got "openpose"/);
    assert.throws(() => parse(["--objects-min-score", "2"]), /--objects-min-score must be a number from 0 to 1, got "2"/);
    assert.throws(() => parse(["--objects-class-thresholds", "on"]), /--objects-class-thresholds must be "calibrated" or "off", got "on"/);
    assert.throws(() => parse(["--objects-input-size", "300x400"]), /--objects-input-size must be HEIGHTxWIDTH in multiples of 32 up to 1024, got "300x400"/);
    assert.deepEqual(engineConfigOf(parse(["--pose-input-size", "96x128"])).pose, { model: "multipose", inputSize: [96, 128] });
    assert.deepEqual(engineConfigOf(defaultServerConfig(2)).pose, { model: "multipose" }, "no --pose-input-size: the model's own default");
    assert.throws(() => parse(["--pose-input-size", "100x128"]), /--pose-input-size must be HEIGHTxWIDTH in multiples of 32 up to 1024, got "100x128"/);
  });

  test("invalid values and unknown options are refused with the name in the message", () => {
    const parse = (argv: string[], vars: Record<string, string> = {}) => parseServerConfig({ argv, getEnv: env(vars), cores: 2 });
    assert.throws(() => parse(["--pool-size", "0"]), /--pool-size must be an integer ≥ 1, got "0"/);
    assert.throws(() => parse(["--port", "-1"]), /--port/);
    assert.throws(() => parse([], { PORT: "eighty" }), /PORT must be an integer/);
    assert.throws(() => parse(["--tasks", "faces"]), /unknown task "faces"/);
    assert.throws(() => parse(["--verbose"]), /Unknown option "--verbose"/);
    assert.throws(() => parse(["--port"]), /needs a value/);
    assert.equal(parse([], { EDGEVISION_POOL_SIZE: "" }).poolSize, 2, "an empty variable counts as unset");
  });
});

describe("lenient Base64 (Python's b64decode)", () => {
  test("decodes standard Base64 of every length, with noise and line breaks dropped", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = Buffer.from(bytes).toString("base64");
      assert.deepEqual(decodeLenientBase64(text), bytes);
      assert.deepEqual(decodeLenientBase64(text.replace(/(.{5})/g, "$1\r\n !")), bytes);
    }
  });

  test("incorrect padding and impossible lengths are refused", () => {
    assert.throws(() => decodeLenientBase64("QUJDRA"), /padding/);
    assert.throws(() => decodeLenientBase64("QUJDR"), /1 more than a multiple of 4/);
    assert.throws(() => decodeLenientBase64("QQ==QUJD"), /after padding/);
    assert.deepEqual(decodeLenientBase64("QUJDRA=="), new TextEncoder().encode("ABCD"));
  });
});
