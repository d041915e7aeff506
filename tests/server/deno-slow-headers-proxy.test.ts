/**
 * Deno.serve has no header timeout (docs/reliability.md#slow-headers-on-deno); the documented
 * remedy is a proxy that times out request heads, as deploy/haproxy.cfg does. This test keeps the
 * remedy in place: the shipped configuration must set `timeout http-request` no longer than the
 * server's own request timeout, and a real HAProxy with that setting (shortened to 2 s here) in
 * front of a real Deno server must close slow-header connections while valid requests pass.
 * Bounds are generous (closed within 20 s of a 2 s timeout) so CPU load cannot fail it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { defaultServerConfig } from "../../src/server/config.ts";
import { type HaproxyProcess, startHaproxy } from "../scale/haproxy-process.ts";
import { skipUnlessInstalled } from "../scale/system-programs.ts";
import { fixture, type ServerProcess, startServer } from "./server-process.ts";

const skip = skipUnlessInstalled("haproxy");
const SHIPPED = readFileSync(new URL("../../deploy/haproxy.cfg", import.meta.url), "utf8");

/** Opens a connection, sends half a request head, resolves with whether it was closed within `waitMs`. */
function slowHeaders(port: number, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write("POST /detector/detect/ HTTP/1.1\r\nHost: x\r\n"));
    const timer = setTimeout(() => (socket.destroy(), resolve(false)), waitMs);
    socket.on("error", () => undefined);
    socket.resume(); // read the 408 and the FIN, so "close" fires
    socket.on("close", () => (clearTimeout(timer), resolve(true)));
  });
}

describe("slow headers to a Deno server behind the shipped HAProxy configuration", { skip }, () => {
  let server: ServerProcess;
  let haproxy: HaproxyProcess;
  before(async () => {
    server = await startServer("deno", ["--pool-size", "1", "--tasks", "face-detection", "--tcp-port", "off"]);
    haproxy = await startHaproxy({ deno: server.port }, (config) => config.replace(/timeout http-request \S+/, "timeout http-request 2s"));
  });
  after(async () => {
    await haproxy?.stop();
    await server?.stop();
  });

  it("the shipped configuration times out request heads within the server's request timeout", () => {
    const match = SHIPPED.match(/^\s*timeout http-request (\d+)(ms|s|m)?\s*$/m);
    assert.ok(match !== null, "deploy/haproxy.cfg must set `timeout http-request` (Deno.serve has no header timeout)");
    const ms = Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 }[match[2] ?? "ms"] as number);
    assert.ok(ms <= defaultServerConfig(1).requestTimeoutMs, `timeout http-request is ${ms} ms`);
  });

  it("closes slow-header connections and still passes valid requests", async () => {
    const port = Number(new URL(haproxy.base).port);
    const closed = await Promise.all(Array.from({ length: 20 }, () => slowHeaders(port, 20_000)));
    assert.equal(closed.filter(Boolean).length, 20, `HAProxy closed ${closed.filter(Boolean).length} of 20 slow-header connections:\n${haproxy.output()}`);
    const response = await fetch(`${haproxy.base}/detector/detect/`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: fixture("Bruce.jpg") });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /^\{"success": "true"/);
  });
});
