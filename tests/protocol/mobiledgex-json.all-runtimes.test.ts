import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PyFloat, pythonFloatRepr, pythonJsonDumps } from "../../src/core/protocol/mobiledgex-json.ts";

describe("pythonJsonDumps", () => {
  it("matches json.dumps separators, key order and string types", () => {
    assert.equal(
      pythonJsonDumps({ success: "true", server_processing_time: "19.873", rects: [[73, 76, 147, 150]] }),
      '{"success": "true", "server_processing_time": "19.873", "rects": [[73, 76, 147, 150]]}',
    );
    assert.equal(pythonJsonDumps({ a: [], b: {}, c: null, d: false }), '{"a": [], "b": {}, "c": null, "d": false}');
  });
  it("escapes non-ASCII as lowercase \\u escapes and control characters like Python", () => {
    assert.equal(pythonJsonDumps("Jos\u00e9 \u{1F600}\n\"\\"), '"Jos\\u00e9 \\ud83d\\ude00\\n\\"\\\\"');
    assert.equal(pythonJsonDumps("\u0001\u007f"), '"\\u0001\u007f"');
  });
  it("prints floats as Python repr", () => {
    assert.deepEqual(
      [0, 1, -2.5, 81.44993591308594, 1e-5, 0.0001, 1.5e-7, 1e16, 123456789012345.6, -0].map(pythonFloatRepr),
      ["0.0", "1.0", "-2.5", "81.44993591308594", "1e-05", "0.0001", "1.5e-07", "1e+16", "123456789012345.6", "-0.0"],
    );
    assert.equal(pythonJsonDumps([new PyFloat(0), new PyFloat(0.5)]), "[0.0, 0.5]");
  });
  it("rejects a non-integer plain number", () => {
    assert.throws(() => pythonJsonDumps(1.5), RangeError);
  });
});
