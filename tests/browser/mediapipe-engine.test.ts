/**
 * MediaPipe Tasks' FaceDetector as the page's on-device face engine, in Debian's Chromium against
 * the real server: its boxes agree with the TF.js engine's (same BlazeFace network, prepared at
 * build time from @mediapipe/face_detection), the page runs it when asked (`?engine=`), it works
 * offline after one visit, and without WebGL the page falls back to TF.js and says why.
 * WebGL here is SwiftShader (software), so this checks behaviour, not GPU speed.
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

const BUNDLE_URL_IN_PAGE: string = "/static/edgevision.js";
const FIXTURES = ["Bruce.jpg", "face_triple.jpg", "face_bruce_x_jan.jpg"];
const fixture = (name: string): number[] => [...readFileSync(`${ROOT}tests/fixtures/${name}`)];

/** Runs in the page: the fixtures through TF.js and through MediaPipe with `delegate`. */
async function detectBoth(page: Page, delegate: "GPU" | "CPU", images: number[][]): Promise<{ tfjs: Box[][]; mediapipe: Box[][] }> {
  return await page.evaluate(async ({ images, delegate, bundleUrl }) => {
    const ev = await import(bundleUrl);
    const tfjs = ev.createBrowserLocalDetector({ modelsUrl: "/static/models/", wasmUrl: "/static/wasm/", formatters: ev.BROWSER_REPLY_FORMATTERS });
    const mp = await ev.createMediapipeFaceDetector({ wasmUrl: "/static/mediapipe/wasm", modelUrl: "/static/mediapipe/face_detection_short_range.tflite", delegate });
    const out = { tfjs: [] as Box[][], mediapipe: [] as Box[][] };
    for (const data of images) {
      out.tfjs.push((await tfjs.detect("face-detection", new Uint8Array(data))).rects ?? []);
      out.mediapipe.push((await mp.detect(new Uint8Array(data))).faces.map((f: { rect: Box }) => f.rect));
    }
    tfjs.dispose();
    mp.dispose();
    return out;
  }, { images, delegate, bundleUrl: BUNDLE_URL_IN_PAGE });
}

async function openDemo(page: Page, url: string): Promise<{ engine: string; reason: string; chip: string }> {
  await page.goto(url);
  await page.waitForSelector('body[data-device-ready="true"]', { timeout: 120_000 });
  return await page.evaluate(() => ({
    engine: document.body.dataset["deviceEngine"] ?? "",
    reason: document.body.dataset["deviceEngineReason"] ?? "",
    chip: document.getElementById("chip-device")?.textContent ?? "",
  }));
}

async function facesOnPage(page: Page, image: string): Promise<string | null> {
  await page.setInputFiles("#file-input", `${ROOT}tests/fixtures/${image}`);
  await page.waitForFunction(() => Number(document.querySelector('#view-local [data-field="frames"]')?.textContent) >= 2, undefined, { timeout: 60_000 });
  return await page.textContent('#view-local [data-field="summary"]');
}

describe("MediaPipe Tasks face engine in the browser (Chromium, SwiftShader WebGL)", { skip: skipUnlessPresent(CHROMIUM) }, () => {
  let server: ServerProcess;
  let browser: ChromiumSession;
  let page: Page;

  before(async () => {
    buildBrowserBundle();
    server = await startServer("node", EDGE_ARGS);
    browser = await launchChromium(["--enable-unsafe-swiftshader"]);
    page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const delegate of ["GPU", "CPU"] as const) {
    test(`MediaPipe ${delegate} finds the same faces as the TF.js engine (IoU >= 0.9)`, async () => {
      const { tfjs, mediapipe } = await detectBoth(page, delegate, FIXTURES.map(fixture));
      FIXTURES.forEach((name, i) => {
        assert.ok(tfjs[i]!.length > 0, `${name}: TF.js finds faces`);
        assert.equal(mediapipe[i]!.length, tfjs[i]!.length, `${name}: face count (MediaPipe ${JSON.stringify(mediapipe[i])}, TF.js ${JSON.stringify(tfjs[i])})`);
        for (const overlap of matchBoxes(mediapipe[i]!, tfjs[i]!)) {
          assert.ok(overlap >= 0.9, `${name}: IoU ${overlap.toFixed(3)} < 0.9 (MediaPipe ${JSON.stringify(mediapipe[i])}, TF.js ${JSON.stringify(tfjs[i])})`);
        }
      });
    });
  }

  test("?engine=mediapipe-gpu runs faces on MediaPipe, says so, and keeps working offline", async () => {
    const online = await openDemo(page, `${server.url}/?engine=mediapipe-gpu`);
    assert.equal(online.engine, "mediapipe-gpu", online.reason);
    assert.match(online.chip, /MediaPipe GPU/);
    assert.equal(await facesOnPage(page, "Bruce.jpg"), "1 face");
    const { urls } = JSON.parse(readFileSync(`${ROOT}dist/browser/build-info.json`, "utf8")) as { urls: string[] };
    assert.ok(urls.includes("/static/mediapipe/face_detection_short_range.tflite") && urls.includes("/static/mediapipe/wasm/vision_wasm_internal.wasm"), "MediaPipe's model and WASM are in the offline copy");
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.state === "activated" && navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 120_000 });
    await page.waitForSelector('#chip-offline[data-state="ok"]', { timeout: 120_000 });
    await server.stop();

    const offline = await openDemo(page, page.url());
    assert.equal(offline.engine, "mediapipe-gpu", offline.reason);
    assert.equal(await facesOnPage(page, "face_triple.jpg"), "3 faces");
    server = await startServer("node", EDGE_ARGS);
  });

  test("without WebGL the page falls back to TF.js WASM and says why", async () => {
    const noWebGl = await launchChromium(["--disable-software-rasterizer"]); // with --disable-gpu: no WebGL at all
    try {
      const fallbackPage = await noWebGl.context.newPage();
      for (const request of ["mediapipe-gpu", "mediapipe-cpu"]) {
        const opened = await openDemo(fallbackPage, `${server.url}/?engine=${request}`);
        assert.equal(opened.engine, "tfjs-wasm", `${request}: ${opened.reason}`);
        assert.match(opened.reason, /could not start .*using TF\.js WASM/);
        assert.match(opened.chip, /TF\.js threaded-simd/);
      }
      const auto = await openDemo(fallbackPage, `${server.url}/`);
      assert.equal(auto.engine, "tfjs-wasm");
      assert.match(auto.reason, /No WebGL2/);
      assert.equal(await facesOnPage(fallbackPage, "Bruce.jpg"), "1 face");
    } finally {
      await noWebGl.close();
    }
  });
});
