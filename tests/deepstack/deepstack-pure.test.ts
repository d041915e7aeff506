/**
 * The pure parts of the DeepStack API: the similarity scale, COCO label spelling, and the one
 * gallery secret behind --trainer-token and --admin-key.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { similarityFromDistance } from "../../src/server/deepstack/deepstack-confidence.ts";
import { cocoSpelling, DARKNET_COCO_CLASSES } from "../../src/core/tasks/objects/darknet-coco-classes.ts";
import { galleryToken, parseServerConfig } from "../../src/server/config.ts";

describe("DeepStack similarity scale", () => {
  it("is 1 at distance 0, 0.67 at the threshold, and clamped to 0 far away", () => {
    assert.equal(similarityFromDistance(0, 0.55), 1);
    assert.ok(Math.abs(similarityFromDistance(0.55, 0.55) - 0.67) < 1e-12);
    assert.ok(similarityFromDistance(0.3, 0.55) > similarityFromDistance(0.5, 0.55));
    assert.equal(similarityFromDistance(5, 0.55), 0);
  });
});

describe("COCO label spelling", () => {
  it("renames the six darknet spellings and keeps the other 74", () => {
    const renamed = DARKNET_COCO_CLASSES.filter((name) => cocoSpelling(name) !== name).map((name) => [name, cocoSpelling(name)]);
    assert.deepEqual(renamed, [
      ["motorbike", "motorcycle"], ["aeroplane", "airplane"], ["sofa", "couch"],
      ["pottedplant", "potted plant"], ["diningtable", "dining table"], ["tvmonitor", "tv"],
    ]);
  });
});

describe("--admin-key and --trainer-token", () => {
  const config = (argv: string[], env: Record<string, string> = {}) => parseServerConfig({ argv, getEnv: (name) => env[name], cores: 1 });
  it("are one secret: either flag or env var sets it, equal values are fine", () => {
    assert.equal(galleryToken(config(["--admin-key", "s"])), "s");
    assert.equal(galleryToken(config([], { EDGEVISION_ADMIN_KEY: "s" })), "s");
    assert.equal(galleryToken(config(["--trainer-token", "s", "--admin-key=s"])), "s");
    assert.equal(galleryToken(config([])), undefined);
    assert.equal(config(["--api-key", "k"]).apiKey, "k");
    assert.equal(config([], { EDGEVISION_API_KEY: "k" }).apiKey, "k");
  });
  it("refuse two different values", () => {
    assert.throws(() => galleryToken(config(["--trainer-token", "a", "--admin-key", "b"])), /same secret/);
  });
});
