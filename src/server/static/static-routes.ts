/**
 * The static-assets route module: the demo page at `/`, the browser bundle and WASM binaries
 * under `/static/`, the models under `/static/models/`, and the service worker at `/sw.js`.
 * Every response is sent with the cross-origin isolation headers (see static-headers.ts).
 * The files come from `dist/browser/` (built by `npm run build:browser`) and `models/`.
 * @module
 */
import { Hono } from "hono";
import { contentTypeOf, ISOLATION_HEADERS } from "./static-headers.ts";
import { safeRelativePath } from "./safe-relative-path.ts";

/** What the routes read from. */
export interface StaticAssetOptions {
  /** Absolute path of the built browser folder (`<repo>/dist/browser`). */
  browserDir: string;
  /** Absolute path of the models folder (`<repo>/models`). */
  modelsDir: string;
  /** Reads a whole file; rejects when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>EdgeVision</title>
<p>The browser bundle has not been built. Run <code>npm run build:browser</code> and reload.</p>`;

/**
 * Builds the static routes, to be mounted on the server's app with `app.route("/", routes)`.
 *
 * @param options Folders and the file reader.
 * @returns A Hono app with `GET|HEAD /`, `/index.html`, `/sw.js`, `/static/*`.
 * @example
 * ```ts
 * app.route("/", createStaticAssetRoutes({ browserDir, modelsDir, readFile: (p) => Deno.readFile(p) }));
 * ```
 */
export function createStaticAssetRoutes(options: StaticAssetOptions): Hono {
  const routes = new Hono();

  const serve = async (path: string, extraHeaders: Record<string, string> = {}): Promise<Response | undefined> => {
    let body: Uint8Array;
    try {
      body = await options.readFile(path);
    } catch {
      return undefined;
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        ...ISOLATION_HEADERS,
        "Content-Type": contentTypeOf(path),
        "Content-Length": String(body.byteLength),
        // Revalidate every time; offline use is the service worker's job.
        "Cache-Control": "no-cache",
        ...extraHeaders,
      },
    });
  };

  const page = async () =>
    await serve(`${options.browserDir}/index.html`) ??
      new Response(NOT_BUILT_PAGE, { status: 503, headers: { ...ISOLATION_HEADERS, "Content-Type": "text/html; charset=utf-8" } });

  routes.get("/", page);
  routes.get("/index.html", page);
  // Unknown files fall through to the app's 404 (the reference's "Not Found" page).
  routes.get("/sw.js", async (c) => await serve(`${options.browserDir}/sw.js`, { "Service-Worker-Allowed": "/" }) ?? c.notFound());
  routes.get("/static/models/*", async (c) => {
    const rel = safeRelativePath(c.req.path.slice("/static/models/".length));
    return (rel && await serve(`${options.modelsDir}/${rel}`)) || c.notFound();
  });
  routes.get("/static/*", async (c) => {
    const rel = safeRelativePath(c.req.path.slice("/static/".length));
    return (rel && await serve(`${options.browserDir}/static/${rel}`)) || c.notFound();
  });
  return routes;
}
