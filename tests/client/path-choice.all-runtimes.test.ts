import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { choosePath, type PathFacts, type PathPolicy } from "../../src/client/path-choice.ts";
import { RollingLatency } from "../../src/client/rolling-latency.ts";
import { webSocketUrl } from "../../src/client/endpoints.ts";

const policy: PathPolicy = { edgeSlowerMargin: 0.15, exploreEveryMs: 3000 };
const facts = (over: Partial<PathFacts>): PathFacts => ({
  now: 10_000,
  localSupported: true,
  edgeDown: false,
  edgeRetryAt: 0,
  edgeRollingMs: 10,
  localRollingMs: 20,
  edgeLastUsedAt: 9_990,
  localLastUsedAt: 9_000,
  ...over,
});

describe("choosePath", () => {
  it("uses the edge when there is no local detector, even when it is down", () => {
    assert.equal(choosePath(facts({ localSupported: false, edgeDown: true, edgeRetryAt: 1e9 }), policy), "edge");
  });
  it("stays local while the edge is down, and tries the edge at its retry time", () => {
    assert.equal(choosePath(facts({ edgeDown: true, edgeRetryAt: 10_001 }), policy), "local");
    assert.equal(choosePath(facts({ edgeDown: true, edgeRetryAt: 10_000 }), policy), "edge");
  });
  it("measures each path before comparing", () => {
    assert.equal(choosePath(facts({ edgeRollingMs: undefined, localRollingMs: undefined }), policy), "edge");
    assert.equal(choosePath(facts({ localRollingMs: undefined }), policy), "local");
  });
  it("keeps the edge within the margin and leaves it beyond", () => {
    assert.equal(choosePath(facts({ edgeRollingMs: 22.9, localRollingMs: 20 }), policy), "edge");
    assert.equal(choosePath(facts({ edgeRollingMs: 23.1, localRollingMs: 20, edgeLastUsedAt: 9_990 }), policy), "local");
  });
  it("sends one frame to the other path once per exploration interval", () => {
    assert.equal(choosePath(facts({ localLastUsedAt: 7_000 }), policy), "local");
    assert.equal(choosePath(facts({ localLastUsedAt: 7_001 }), policy), "edge");
    assert.equal(choosePath(facts({ edgeRollingMs: 50, edgeLastUsedAt: 7_000, localLastUsedAt: 9_999 }), policy), "edge");
  });
});

describe("RollingLatency", () => {
  it("keeps the newest samples and reports mean and median", () => {
    const window = new RollingLatency(3);
    assert.equal(window.median, undefined);
    for (const ms of [100, 1, 2, 30]) window.add(ms);
    assert.equal(window.count, 3);
    assert.equal(window.median, 2);
    assert.equal(window.mean, 11);
    window.add(4);
    assert.equal(window.median, 4);
    window.clear();
    assert.equal(window.mean, undefined);
  });
  it("refuses a window that is not a positive integer", () => {
    assert.throws(() => new RollingLatency(0), RangeError);
  });
});

describe("webSocketUrl", () => {
  it("maps http(s) to ws(s) and appends /ws + the endpoint", () => {
    assert.equal(webSocketUrl("http://127.0.0.1:8008", "face-detection"), "ws://127.0.0.1:8008/ws/detector/detect/");
    assert.equal(webSocketUrl("https://edge.example:8008/some/page?x=1", "objects"), "wss://edge.example:8008/ws/object/detect/");
  });
});
