/**
 * Recognises requests a browser sends on behalf of another site (a cross-origin form POST needs
 * no CORS preflight, so without this check any page the operator visits could change the gallery).
 * @module
 */

/**
 * Tells whether a request comes from a page of another origin that is not explicitly allowed.
 * Clients that are not browsers (the MobiledgeX apps, curl) send neither `Origin` nor
 * `Sec-Fetch-Site` and are not cross-site.
 *
 * @param request The request.
 * @param allowedOrigins Origins (`"https://admin.example"`) whose pages may use the gallery.
 * @returns `true` when `Origin` names another host than the request's `Host` and is not allowed,
 * or is `"null"`, or (without `Origin`) `Sec-Fetch-Site` is `cross-site` or `same-site`.
 * @example
 * ```ts
 * isCrossSiteRequest(new Request("http://edge:8008/trainer/remove/", { headers: { origin: "http://evil.example" } }), []); // true
 * ```
 */
export function isCrossSiteRequest(request: Request, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (allowedOrigins.includes(origin)) return false;
    if (origin === "null") return true;
    const host = request.headers.get("host") ?? new URL(request.url).host;
    try {
      return new URL(origin).host.toLowerCase() !== host.toLowerCase();
    } catch {
      return true;
    }
  }
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}
