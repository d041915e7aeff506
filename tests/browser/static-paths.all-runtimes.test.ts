import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeRelativePath } from "../../src/server/static/safe-relative-path.ts";
import { contentTypeOf, ISOLATION_HEADERS } from "../../src/server/static/static-headers.ts";

describe("safeRelativePath", () => {
  it("keeps ordinary sub-paths, decoded", () => {
    assert.equal(safeRelativePath("wasm/tfjs-backend-wasm-simd.wasm"), "wasm/tfjs-backend-wasm-simd.wasm");
    assert.equal(safeRelativePath("face-detection/a%20b.json"), "face-detection/a b.json");
  });
  it("refuses anything that could leave the folder or is malformed", () => {
    for (const path of ["", "..", "../package.json", "a/../../b", "%2e%2e/x", "..%2fx", "a//b", "a/", ".git/config", "a\\..\\b", "%E0%A4%A", "a%00b"]) {
      assert.equal(safeRelativePath(path), undefined, path);
    }
  });
});

describe("static headers", () => {
  it("isolate the page (COOP same-origin, COEP require-corp)", () => {
    assert.equal(ISOLATION_HEADERS["Cross-Origin-Opener-Policy"], "same-origin");
    assert.equal(ISOLATION_HEADERS["Cross-Origin-Embedder-Policy"], "require-corp");
  });
  it("type the files the page loads", () => {
    assert.equal(contentTypeOf("static/wasm/tfjs-backend-wasm.wasm"), "application/wasm");
    assert.equal(contentTypeOf("static/demo.js"), "text/javascript; charset=utf-8");
    assert.equal(contentTypeOf("index.html"), "text/html; charset=utf-8");
    assert.equal(contentTypeOf("models/x/model.bin"), "application/octet-stream");
    assert.equal(contentTypeOf("README"), "application/octet-stream");
  });
});
