/**
 * Reference routes EdgeVision deliberately does not implement, answered with a reason instead of a
 * bare 404 so a reference client sees why:
 * - `/client/benchmark/` and `/client/download/` (§3.10) make the server run a benchmark against
 *   other hosts or fetch any URL into its disk: remote code paths an edge box should not expose.
 *   The same benchmark runs on the client host: `edgevision-bench-client` (src/bench-client/).
 * - `/trainer/download/` (§3.11) served OpenCV's LBPH `trained.yml`; the gallery holds face
 *   embeddings, listed by `GET /api/subjects`.
 * @module
 */
import type { Hono } from "hono";
import { pythonJsonDumps } from "../../core/protocol/mobiledgex-json.ts";
import { htmlResponse } from "../http/http-replies.ts";

/** Each unsupported path and the error text its 501 reply carries. */
export const UNSUPPORTED_ROUTES: Readonly<Record<string, string>> = {
  "/client/benchmark/": "Remote benchmarking is not supported by this server: run edgevision-bench-client (the multi_client.py options) on the client host",
  "/client/download/": "Downloading files to the server is not supported by this server",
  "/trainer/download/": "There is no trained.yml to download: this server's gallery holds face embeddings (see GET /api/subjects)",
};

/**
 * Registers the unsupported paths: any method → 501 `{"success": "false", "error": "…"}`.
 *
 * @param app The app.
 * @returns The registered paths (their slash-less forms get the 301).
 */
export function registerUnsupportedRoutes(app: Hono): string[] {
  for (const [path, error] of Object.entries(UNSUPPORTED_ROUTES)) {
    app.all(path, () => htmlResponse(501, pythonJsonDumps({ success: "false", error })));
  }
  return Object.keys(UNSUPPORTED_ROUTES);
}
