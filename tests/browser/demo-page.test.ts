/**
 * The browser side in a real browser (Debian's Chromium) against the real server: the demo page
 * is cross-origin isolated and runs the threaded WASM build, on-device detection agrees with the
 * server, the edge-or-local client switches to local when the server goes away and back when it
 * returns, and after one visit the page detects offline through its service worker.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { type ChromiumSession, launchChromium } from "./chromium.ts";
import { CHROMIUM, skipUnlessPresent } from "../system-components.ts";
import { buildBrowserBundle, type ServerProcess, ROOT, startServer } from "../server/server-process.ts";
import { type Box, matchBoxes } from "./rect-matching.ts";

/** The edge the page talks to: one worker, face detection only. */
const EDGE_ARGS = ["--pool-size", "1", "--tasks", "face-detection"];

/** The library bundle as the page imports it (a variable, so TypeScript does not resolve it). */
const BUNDLE_URL_IN_PAGE: string = "/static/edgevision.js";
const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(`${ROOT}tests/fixtures/${name}`));

/** Runs in the page: on-device detection of `bytes` with the served bundle. */
async function detectInPage(page: Page, bytes: Uint8Array): Promise<{ rects?: Box[]; success: string; build: string; threads: number }> {
  return await page.evaluate(async ({ data, bundleUrl }) => {
    const ev = await import(bundleUrl);
    const local = ev.createBrowserLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", formatters: ev.BROWSER_REPLY_FORMATTERS });
    const backend = await local.load("face-detection");
    const reply = await local.detect("face-detection", new Uint8Array(data));
    local.dispose();
    return { ...reply, build: backend.build, threads: backend.threads };
  }, { data: [...bytes], bundleUrl: BUNDLE_URL_IN_PAGE });
}

/** Runs in the page: the same detection in the detector worker. */
async function detectInWorker(page: Page, bytes: Uint8Array): Promise<{ rects?: Box[]; success: string; build: string }> {
  return await page.evaluate(async ({ data, bundleUrl }) => {
    const ev = await import(bundleUrl);
    const local = ev.createWorkerLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/" });
    const backend = await local.load("face-detection");
    const reply = await local.detect("face-detection", new Uint8Array(data));
    local.dispose();
    return { ...reply, build: backend.build };
  }, { data: [...bytes], bundleUrl: BUNDLE_URL_IN_PAGE });
}

async function detectOnServer(url: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ success: string; rects?: Box[] }> {
  const response = await fetch(`${url}/detector/detect/`, { method: "POST", headers: { "Content-Type": "image/jpeg" }, body: bytes });
  assert.equal(response.status, 200);
  return JSON.parse(await response.text());
}

describe("browser demo and on-device detection (Chromium)", { skip: skipUnlessPresent(CHROMIUM) }, () => {
  let server: ServerProcess;
  let browser: ChromiumSession;
  let page: Page;

  before(async () => {
    buildBrowserBundle();
    server = await startServer("node", EDGE_ARGS);
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the page loads cross-origin isolated and starts the threaded SIMD build", async () => {
    const response = await page.goto(`${server.url}/`);
    assert.equal(response?.status(), 200);
    assert.equal(response?.headers()["cross-origin-opener-policy"], "same-origin");
    assert.equal(response?.headers()["cross-origin-embedder-policy"], "require-corp");
    await page.waitForSelector('body[data-device-ready="true"]', { timeout: 120_000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const chip = await page.textContent("#chip-device");
    assert.match(chip ?? "", /threaded-simd · \d+ threads? · worker/);
  });

  test("static assets carry the isolation headers and never leave their folders", async () => {
    const { urls } = JSON.parse(readFileSync(`${ROOT}dist/browser/build-info.json`, "utf8")) as { urls: string[] };
    assert.ok(urls.some((u) => u.startsWith("/static/models/face-detection/")), "the face models are in the offline copy");
    for (const path of ["/sw.js", ...urls]) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("cross-origin-embedder-policy"), "require-corp", path);
      assert.equal(response.headers.get("cross-origin-opener-policy"), "same-origin", path);
      await response.arrayBuffer();
    }
    assert.equal((await fetch(`${server.url}/static/wasm/tfjs-backend-wasm-simd.wasm`)).headers.get("content-type"), "application/wasm");
    for (const path of ["/static/..%2f..%2fpackage.json", "/static/models/..%2fpackage.json", "/static/models/%2e%2e/package.json", "/static/nope.js"]) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(await response.text(), /Not Found/);
    }
  });

  test("on-device detection matches the server on the same images", async () => {
    for (const name of ["Bruce.jpg", "face_triple.jpg", "face_bruce_x_jan.jpg"]) {
      const bytes = fixture(name);
      const edge = await detectOnServer(server.url, bytes);
      assert.ok((edge.rects?.length ?? 0) > 0, `${name}: the server finds faces`);
      const local = await detectInPage(page, bytes);
      assert.equal(local.build, "threaded-simd");
      assert.equal(local.success, edge.success, name);
      assert.equal(local.rects?.length, edge.rects?.length, `${name}: face count`);
      for (const overlap of matchBoxes(local.rects ?? [], edge.rects ?? [])) {
        assert.ok(overlap >= 0.8, `${name}: IoU ${overlap.toFixed(3)} < 0.8 (local ${JSON.stringify(local.rects)}, edge ${JSON.stringify(edge.rects)})`);
      }
    }
    // The page's default: the same engine in a module worker, with the same result.
    const triple = fixture("face_triple.jpg");
    const inWorker = await detectInWorker(page, triple);
    assert.equal(inWorker.build, "threaded-simd");
    assert.deepEqual(inWorker.rects, (await detectInPage(page, triple)).rects);
  });

  test("the edge-or-local client falls back to local when the server stops and returns when it is back", async () => {
    const bytes = [...fixture("Bruce.jpg")];
    await page.evaluate(async (bundleUrl) => {
      const ev = await import(bundleUrl);
      const local = ev.createBrowserLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", formatters: ev.BROWSER_REPLY_FORMATTERS });
      // Huge margin: this test is about reachability, so the edge is preferred whenever it answers.
      (globalThis as Record<string, unknown>).testClient = ev.createEdgeOrLocalClient({
        edgeUrl: location.origin, WebSocket, local, edgeSlowerMargin: 1e9, exploreEveryMs: 1e9, retryDelayMs: 200, maxRetryDelayMs: 500,
      });
    }, BUNDLE_URL_IN_PAGE);
    const detect = () =>
      page.evaluate(async (data) => {
        // deno-lint-ignore no-explicit-any
        const client = (globalThis as any).testClient;
        const outcome = await client.detect("face-detection", new Uint8Array(data));
        return { path: outcome.path as string, faces: (outcome.reply.rects ?? []).length as number, edgeError: outcome.edgeError as string | undefined };
      }, bytes);

    const first = await detect();
    assert.deepEqual([first.path, first.faces], ["edge", 1]);

    const port = server.port;
    await server.stop();
    const away = await detect();
    assert.equal(away.path, "local");
    assert.equal(away.faces, 1);
    assert.ok(away.edgeError !== undefined, "the first frame after the outage says why the edge failed");
    assert.equal((await detect()).path, "local");

    server = await startServer("node", EDGE_ARGS, { port });
    let back = await detect();
    for (let i = 0; i < 200 && back.path !== "edge"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      back = await detect();
    }
    assert.deepEqual([back.path, back.faces], ["edge", 1]);
  });

  test("after one visit the page detects faces with the server stopped (service worker)", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.state === "activated" && navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 120_000 });
    await page.waitForSelector('#chip-offline[data-state="ok"]', { timeout: 60_000 });
    await server.stop();

    await page.reload();
    await page.waitForSelector('body[data-device-ready="true"]', { timeout: 120_000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    await page.setInputFiles("#file-input", `${ROOT}tests/fixtures/Bruce.jpg`);
    await page.waitForFunction(() => Number(document.querySelector('#view-local [data-field="frames"]')?.textContent) >= 2, undefined, { timeout: 60_000 });
    assert.equal(await page.textContent('#view-local [data-field="summary"]'), "1 face");
    assert.match(await page.textContent("#chip-edge") ?? "", /unreachable/);
  });
});
