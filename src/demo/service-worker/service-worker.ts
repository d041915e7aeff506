/**
 * The demo's service worker: stores the page, the bundle, the WASM binaries and the
 * face-detection models at install, so after one visit the page loads and detects offline.
 * The build bakes the URL list and a content version in (`__EDGEVISION_PRECACHE__`); a new
 * build changes this script, so browsers install the new version and drop the old cache.
 *
 * - Stored URLs: cache first (their bytes are pinned by the version).
 * - Other GETs under /static/ (e.g. other tasks' models): network, stored as a copy for later;
 *   from the cache when the network fails.
 * - Everything else (API, WebSocket upgrades, /server/capabilities/): untouched.
 * @module
 */

declare const __EDGEVISION_PRECACHE__: { version: string; urls: string[] };

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

const scope = globalThis as unknown as ServiceWorkerScope;
const { version, urls } = __EDGEVISION_PRECACHE__;
const CACHE_PREFIX = "edgevision-";
const cacheName = `${CACHE_PREFIX}${version}`;
const precached = new Set(urls.map((url) => new URL(url, location.origin).href));

scope.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // `reload` bypasses the HTTP cache so the stored bytes are the ones of this version.
    await cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })));
    await scope.skipWaiting();
  })());
});

scope.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== cacheName) await caches.delete(name);
    }
    await scope.clients.claim();
  })());
});

scope.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  const key = url.pathname === "/index.html" ? `${url.origin}/` : `${url.origin}${url.pathname}`;
  if (precached.has(key)) {
    event.respondWith(cacheFirst(key, request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(networkThenCache(key, request));
  }
});

/** Answers the page's "which version is stored?" question (shown in the demo's status line). */
scope.addEventListener("message", (event) => {
  if (event.data === "edgevision-version") event.ports[0]?.postMessage({ version, urls: urls.length });
});

async function cacheFirst(key: string, request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const stored = await cache.match(key);
  if (stored !== undefined) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

async function networkThenCache(key: string, request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(key);
    if (stored !== undefined) return stored;
    throw error;
  }
}
