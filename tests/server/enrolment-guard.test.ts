/**
 * The enrolment guard as a Hono middleware, with the peer address given per request: cross-site
 * refusal, the local-network default without a token, `--trainer-access open`, the token, and
 * CORS only for configured origins.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { createEnrolmentGuard, type EnrolmentGuardOptions, ENROLMENT_GUARD_TEXTS, isLocalNetworkAddress } from "../../src/server/enrolment-guard/mod.ts";

type Peer = { peer?: string };

function guardedApp(options: Partial<EnrolmentGuardOptions>): Hono<{ Bindings: Peer }> {
  const app = new Hono<{ Bindings: Peer }>();
  app.use("/trainer/remove/", createEnrolmentGuard({
    token: undefined,
    access: "private",
    allowedOrigins: [],
    clientAddress: (c) => (c.env as Peer | undefined)?.peer,
    ...options,
  }));
  app.post("/trainer/remove/", (c) => c.text('{"success": "true"}'));
  return app;
}

async function removeFrom(app: Hono<{ Bindings: Peer }>, peer: string | undefined, headers: Record<string, string> = {}, method = "POST") {
  const response = await app.request("http://edge.lan:8008/trainer/remove/", {
    method,
    headers: { host: "edge.lan:8008", "content-type": "application/x-www-form-urlencoded", ...headers },
    body: method === "POST" ? "owner_id=1&owner_name=n&subject=Ada" : undefined,
  }, { peer });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe("enrolment guard", () => {
  it("classifies loopback and private-network addresses", () => {
    for (const local of ["127.0.0.1", "10.2.3.4", "172.16.0.1", "172.31.255.255", "192.168.1.20", "169.254.1.1", "::1", "::ffff:192.168.0.7", "fd12::1", "fe80::1%eth0"]) {
      assert.ok(isLocalNetworkAddress(local), local);
    }
    for (const remote of ["203.0.113.9", "172.32.0.1", "8.8.8.8", "::ffff:8.8.8.8", "2001:db8::1", "", undefined]) {
      assert.ok(!isLocalNetworkAddress(remote), String(remote));
    }
  });

  it("without a token, lets MobiledgeX-style clients on the LAN and loopback enrol and refuses the internet", async () => {
    const app = guardedApp({});
    assert.equal((await removeFrom(app, "192.168.1.20")).status, 200);
    assert.equal((await removeFrom(app, "::1")).status, 200);
    assert.deepEqual((await removeFrom(app, "203.0.113.9")).text, ENROLMENT_GUARD_TEXTS.notLocal);
    assert.equal((await removeFrom(app, "203.0.113.9")).status, 403);
    assert.equal((await removeFrom(app, undefined)).status, 403, "an unknown peer is not local");
  });

  it("refuses cross-site browser requests from every address, also when the gallery is open", async () => {
    for (const app of [guardedApp({}), guardedApp({ access: "open" })]) {
      assert.deepEqual(await removeFrom(app, "192.168.1.20", { origin: "http://evil.example" }).then((r) => [r.status, r.text]), [403, ENROLMENT_GUARD_TEXTS.crossSite]);
      assert.equal((await removeFrom(app, "192.168.1.20", { origin: "null" })).status, 403);
      assert.equal((await removeFrom(app, "192.168.1.20", { "sec-fetch-site": "cross-site" })).status, 403);
      assert.equal((await removeFrom(app, "192.168.1.20", { "sec-fetch-site": "same-site" })).status, 403);
      assert.equal((await removeFrom(app, "192.168.1.20", { origin: "http://edge.lan:8008", "sec-fetch-site": "same-origin" })).status, 200);
    }
  });

  it("with --trainer-access open, accepts any address", async () => {
    assert.equal((await removeFrom(guardedApp({ access: "open" }), "203.0.113.9")).status, 200);
  });

  it("with a token, needs it from every address, including loopback", async () => {
    const app = guardedApp({ token: "s3cret" });
    assert.equal((await removeFrom(app, "127.0.0.1")).status, 401);
    assert.equal((await removeFrom(app, "203.0.113.9", { authorization: "Bearer wrong" })).status, 401);
    assert.equal((await removeFrom(app, "203.0.113.9", { authorization: "Bearer s3cret" })).status, 200);
    assert.equal((await removeFrom(app, "127.0.0.1", { "x-trainer-token": "s3cret" })).status, 200);
    assert.equal((await removeFrom(app, "127.0.0.1", { "x-trainer-token": "s3cret", origin: "http://evil.example" })).status, 403);
  });

  it("answers preflights and adds CORS headers only for configured origins", async () => {
    const app = guardedApp({ allowedOrigins: ["https://admin.example"], token: "s3cret" });
    const preflight = await removeFrom(app, "203.0.113.9", { origin: "https://admin.example", "access-control-request-method": "POST" }, "OPTIONS");
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "https://admin.example");
    const allowed = await removeFrom(app, "203.0.113.9", { origin: "https://admin.example", authorization: "Bearer s3cret" });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://admin.example");
    const other = await removeFrom(app, "203.0.113.9", { origin: "https://other.example", authorization: "Bearer s3cret" });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get("access-control-allow-origin"), null);
  });
});
