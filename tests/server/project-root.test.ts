/**
 * projectRootOf: the checkout's root from a module's URL, the same for the sources (src/) and the
 * Node build (dist/node/), whatever folders the checkout itself sits in.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { PROJECT_ROOT_URL, projectRootOf, projectUrl } from "../../src/server/project-root.ts";

describe("projectRootOf", () => {
  it("finds this checkout from the sources", () => {
    assert.equal(PROJECT_ROOT_URL.href, new URL("../../", import.meta.url).href);
    assert.ok(existsSync(fileURLToPath(projectUrl("models/face-detection/"))));
  });

  it("finds the root from the Node build", () => {
    assert.equal(projectRootOf("file:///srv/edgevision/dist/node/serve.mjs").href, "file:///srv/edgevision/");
  });

  it("takes the nearest src/ or dist/ folder when the checkout sits inside one", () => {
    assert.equal(projectRootOf("file:///home/me/src/edgevision/src/server/project-root.ts").href, "file:///home/me/src/edgevision/");
    assert.equal(projectRootOf("file:///opt/dist/ev/dist/node/serve.mjs").href, "file:///opt/dist/ev/");
  });

  it("keeps escaped characters of the path", () => {
    assert.equal(projectRootOf("file:///tmp/my%20box/src/server/project-root.ts").href, "file:///tmp/my%20box/");
  });

  it("refuses a module outside src/ and dist/", () => {
    assert.throws(() => projectRootOf("file:///srv/edgevision/scripts/bench.ts"), RangeError);
  });
});
