/**
 * Soak test: starts the server (Deno by default), measures its capacity with valid frames, then
 * drives mixed valid and malformed traffic over REST, WebSocket and TCP at a multiple of that
 * capacity (2× by default) for a given time (1 hour by default). Every window it prints requests
 * sent, replies received (ok / rejected bad input / busy 503 / unexpected), lost replies, p50/p99
 * latency, server RSS and the load average; at the end the totals, the RSS slope after warm-up,
 * a JSON file and an SVG chart.
 *
 *   npx tsx scripts/soak.ts [--runtime deno|node|bun] [--duration-s 3600] [--load-factor 2]
 *     [--window-s 60] [--calibrate-s 20] [--endpoint /detector/detect/] [--seed 12]
 *     [--max-connections 64] [--chart docs/soak-deno.svg] [--json soak.json] [--note "text"]
 *
 * Exit status 1 when the server died, a reply was lost, or an unexpected reply came back.
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ROOT, type RuntimeName, startServer } from "../tests/server/server-process.ts";
import { imageCases, restBodyCases } from "./fuzz/fuzz-cases.ts";
import { SeededRandom } from "./fuzz/seeded-random.ts";
import { anyText, integer, oneOf, positiveNumber } from "../src/core/settings/parsers.ts";
import { setting } from "../src/core/settings/setting.ts";
import { parseScriptSettings } from "./script-runtime.ts";
import { classifyReply } from "./soak/classify-reply.ts";
import { processRssMiB } from "./soak/process-rss.ts";
import { soakChartSvg } from "./soak/soak-chart.ts";
import { rssSlopeMiBPerHour, SoakStats } from "./soak/soak-stats.ts";
import { ConnectionPool, type Payload, type SoakTarget, type Transport, TRANSPORTS } from "./soak/soak-traffic.ts";

const SOAK_SETTINGS = {
  runtime: setting({ flag: "--runtime", default: "deno" as RuntimeName, parse: oneOf<RuntimeName>("deno", "node", "bun"), help: "the server's runtime" }),
  durationS: setting({ flag: "--duration-s", default: 3600, parse: positiveNumber, help: "seconds of mixed traffic" }),
  loadFactor: setting({ flag: "--load-factor", default: 2, parse: positiveNumber, help: "offered load as a multiple of the measured capacity" }),
  windowS: setting<number | undefined>({ flag: "--window-s", default: undefined, defaultText: "duration / 30, from 5 to 60", parse: positiveNumber, help: "seconds per printed window" }),
  calibrateS: setting({ flag: "--calibrate-s", default: 20, parse: positiveNumber, help: "seconds of the capacity measurement" }),
  endpoint: setting({ flag: "--endpoint", default: "/detector/detect/", parse: anyText, help: "the MobiledgeX endpoint driven" }),
  seed: setting({ flag: "--seed", default: 12, parse: integer(0), help: "seed of the malformed inputs" }),
  maxConnections: setting({ flag: "--max-connections", default: 64, parse: integer(1), help: "connections per transport at most" }),
  chart: setting<string | undefined>({ flag: "--chart", default: undefined, defaultText: "docs/soak-<runtime>.svg", parse: anyText, help: "SVG chart file" }),
  json: setting({ flag: "--json", default: "", defaultText: "none", parse: anyText, help: "JSON results file" }),
  note: setting({ flag: "--note", default: "", parse: anyText, help: "a note printed with the results" }),
};
const { values: options } = parseScriptSettings(SOAK_SETTINGS, "Soak test: npx tsx scripts/soak.ts [options]");
const { runtime, durationS, loadFactor, calibrateS, endpoint, seed, maxConnections, note } = options;
const windowS = options.windowS ?? Math.min(60, Math.max(5, durationS / 30));
const chartPath = options.chart ?? join(ROOT, "docs", `soak-${runtime}.svg`);
const jsonPath = options.json;
const REPLY_TIMEOUT_MS = 60_000;

const fixture = (name: string) => new Uint8Array(readFileSync(join(ROOT, "tests", "fixtures", name)));
// MobiledgeX client frame sizes (240×180 to 640×480) plus a PNG.
const validImages = [fixture("frame_240x180.jpg"), fixture("frame_640x480.jpg"), fixture("face_300x400.jpg"), fixture("Bruce.jpg")];
const sources = { jpegs: validImages, pngs: [fixture("testfile.png"), fixture("empty_portrait_black.png")] };
const badImages = imageCases(sources, seed, 600).filter((c) => !c.valid);
const badBodies = restBodyCases(sources, seed + 1, 200);

const server = await startServer(runtime, ["--tcp-port", "random"]);
const pid = server.child.pid as number;
const tcpPort = Number(server.output().match(/EdgeVision TCP listening on tcp:\/\/\S+:(\d+)/)?.[1]);
const target: SoakTarget = { host: "127.0.0.1", httpPort: server.port, tcpPort, endpoint };
const pools = new Map<Transport, ConnectionPool>(TRANSPORTS.map((t) => [t, new ConnectionPool(t, target, maxConnections)]));
console.log(`soak: ${runtime} server pid ${pid} on ${server.base} (TCP ${tcpPort}), ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const idleRssMiB = processRssMiB(pid);

// Capacity: closed loop, valid frames only, over REST keep-alive.
const capacity = await (async () => {
  const pool = new ConnectionPool("rest", target, 8);
  const end = performance.now() + calibrateS * 1000;
  let replies = 0;
  await Promise.all(Array.from({ length: 6 }, async (_, c) => {
    for (let i = c; performance.now() < end; i++) {
      const reply = await pool.send({ bytes: validImages[i % validImages.length] as Uint8Array }, REPLY_TIMEOUT_MS);
      if (reply?.status === 200) replies++;
    }
  }));
  pool.close();
  return replies / calibrateS;
})();
const rate = capacity * loadFactor;
console.log(`soak: capacity ${capacity.toFixed(1)} replies/s (valid frames, REST); driving ${rate.toFixed(1)} requests/s (${loadFactor}×) for ${durationS} s, windows of ${windowS} s`);

const stats = new SoakStats();
const random = new SeededRandom(seed + 2);
const unexpectedSamples: string[] = [];
let issued = 0, inFlight = 0;
const start = performance.now();

function nextPayload(transport: Transport): { payload: Payload; valid: boolean } {
  if (random.next() < 0.5) return { payload: { bytes: random.pick(validImages) }, valid: true };
  if (transport === "rest" && random.next() < 0.3) {
    const body = random.pick(badBodies);
    return { payload: { bytes: body.body, contentType: body.contentType }, valid: false };
  }
  return { payload: { bytes: random.pick(badImages).bytes }, valid: false };
}

function issue(): void {
  const transport = TRANSPORTS[issued++ % TRANSPORTS.length] as Transport;
  const { payload, valid } = nextPayload(transport);
  const pool = pools.get(transport) as ConnectionPool;
  if (!pool.canSend()) return stats.skipped();
  stats.sent();
  const sentAt = performance.now();
  inFlight++;
  pool.send(payload, REPLY_TIMEOUT_MS).then((reply) => {
    if (reply === undefined) return stats.lost();
    const outcome = classifyReply(transport, valid, reply);
    if (outcome === "unexpected" && unexpectedSamples.length < 10) unexpectedSamples.push(`${transport} ${reply.status} ${reply.body.slice(0, 200)}`);
    stats.received(outcome, performance.now() - sentAt);
  }, (error: Error) => {
    stats.lost();
    if (unexpectedSamples.length < 10) unexpectedSamples.push(`${transport} lost: ${error.message}`);
  }).finally(() => inFlight--);
}

const rssSamples: { t: number; rssMiB: number }[] = [];
const sampler = setInterval(() => rssSamples.push({ t: (performance.now() - start) / 1000, rssMiB: processRssMiB(pid) }), 5000);
let nextWindow = windowS;
await new Promise<void>((resolve) => {
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - start) / 1000;
    const due = Math.min(Math.floor(rate * Math.min(elapsed, durationS)) - issued, Math.ceil(rate));
    for (let i = 0; i < due; i++) issue();
    if (elapsed >= nextWindow) {
      const w = stats.closeWindow(Math.round(nextWindow), processRssMiB(pid), loadavg()[0] as number);
      console.log(`t=${w.t}s sent=${w.sent} received=${w.received} ok=${w.ok} rejected=${w.rejected} busy503=${w.busy} unexpected=${w.unexpected} lost=${w.lost} skipped=${w.skipped} p50=${w.p50Ms.toFixed(0)}ms p99=${w.p99Ms.toFixed(0)}ms rss=${w.rssMiB.toFixed(0)}MiB load1=${w.load1.toFixed(2)}`);
      nextWindow += windowS;
    }
    if (elapsed >= durationS) {
      clearInterval(ticker);
      resolve();
    }
  }, 10);
});
const drainEnd = performance.now() + REPLY_TIMEOUT_MS + 5000;
while (inFlight > 0 && performance.now() < drainEnd) await new Promise((r) => setTimeout(r, 100));
clearInterval(sampler);
for (const pool of pools.values()) pool.close();

const alive = server.child.exitCode === null && server.child.signalCode === null;
const check = alive ? await fetch(`${server.base}${endpoint}`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: validImages[0] as Uint8Array<ArrayBuffer> }).then((r) => r.status, () => 0) : 0;
const totals = stats.totals();
const rss = rssSamples.map((s) => s.rssMiB).filter((r) => r > 0);
const warmUpS = Math.min(600, durationS / 4);
const slope = rssSlopeMiBPerHour(stats.windows, warmUpS);
const secondHalf = rssSamples.filter((s) => s.t >= durationS / 2).map((s) => s.rssMiB);
const summary = {
  runtime,
  durationS,
  loadFactor,
  capacityPerS: Number(capacity.toFixed(2)),
  ratePerS: Number(rate.toFixed(2)),
  totals: { ...totals, p50Ms: Number(totals.p50Ms.toFixed(1)), p99Ms: Number(totals.p99Ms.toFixed(1)), stillInFlight: inFlight },
  rssMiB: {
    idle: Number(idleRssMiB.toFixed(1)),
    min: Number(Math.min(...rss).toFixed(1)),
    max: Number(Math.max(...rss).toFixed(1)),
    last: Number((rss.at(-1) ?? 0).toFixed(1)),
    secondHalfMax: Number(Math.max(...secondHalf).toFixed(1)),
    slopeAfterWarmUpMiBPerHour: Number(slope.toFixed(1)),
  },
  serverAlive: alive,
  finalValidRequestStatus: check,
  unexpectedSamples,
  windows: stats.windows,
  note,
};
console.log(JSON.stringify({ ...summary, windows: undefined }, null, 2));
const title = `${runtime} soak: ${(durationS / 60).toFixed(0)} min at ${loadFactor}× capacity (${rate.toFixed(0)} req/s), ${totals.sent} sent, ${totals.lost} lost, ${totals.busy} busy; ${note}`;
writeFileSync(chartPath, soakChartSvg(stats.windows, title));
if (jsonPath !== "") writeFileSync(jsonPath, JSON.stringify(summary, null, 2));
console.log(`soak: chart written to ${chartPath}`);
await server.stop();
const failed = !alive || check !== 200 || totals.lost > 0 || totals.unexpected > 0 || inFlight > 0;
if (typeof process !== "undefined") process.exit(failed ? 1 : 0);
