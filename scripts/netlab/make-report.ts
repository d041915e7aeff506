/**
 * Turns a run of scripts/netlab/run-lab.sh (its raw folder: meta.json, ping-<d>.txt and
 * <d>-<transport>.json from bench-client --json) into the markdown table and the SVG chart.
 *
 *   node --import tsx scripts/netlab/make-report.ts --raw DIR --markdown OUT.md --svg OUT.svg
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseScriptSettings } from "../script-runtime.ts";
import { SCRIPT_SETTINGS } from "../script-settings.ts";
import { latencyChartSvg } from "./latency-chart.ts";
import { analyseLab, type LabAnalysis, type TransportName } from "./lab-analysis.ts";

const { values: options } = parseScriptSettings({
  raw: SCRIPT_SETTINGS.required("--raw", "the run's raw folder"),
  markdown: SCRIPT_SETTINGS.required("--markdown", "the report to write"),
  svg: SCRIPT_SETTINGS.required("--svg", "the chart to write"),
}, "usage: make-report.ts --raw DIR --markdown OUT.md --svg OUT.svg");

const LABELS: Record<TransportName, string> = {
  rest: "REST (new connection)",
  "rest-keepalive": "REST keep-alive",
  websocket: "WebSocket",
  tcp: "TCP",
};

const f1 = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(1));
const f2 = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(2));
const signed = (x: number | undefined) => (x === undefined ? "–" : `${x >= 0 ? "+" : ""}${x.toFixed(2)}`);

/** One sentence: how many cells meet the 1 ms target, and which do not. */
function summary(lab: LabAnalysis, key: "overheadMs" | "networkOverheadMs", title: string): string {
  const cells = lab.rows.filter((row) => key === "overheadMs" || row.delay !== 0).flatMap((row) =>
    lab.meta.transports.flatMap((t) => {
      const value = row.transports[t]?.[key];
      return value === undefined ? [] : [{ t, delay: row.delay, value }];
    })
  );
  const over = cells.filter((c) => c.value > 1);
  if (over.length === 0) return `**${title}:** all ${cells.length} cells within 1 ms.`;
  const values = cells.map((c) => c.value);
  const byTransport = lab.meta.transports
    .map((t) => ({ t, delays: over.filter((c) => c.t === t).map((c) => c.delay) }))
    .filter((x) => x.delays.length > 0)
    .map((x) => `${LABELS[x.t]} at ${x.delays.join(", ")} ms`);
  return `**${title}:** ${cells.length - over.length} of ${cells.length} cells within 1 ms (range ${f2(Math.min(...values))} … ${f2(Math.max(...values))} ms); over: ${byTransport.join("; ")}.`;
}

function markdown(lab: LabAnalysis): string {
  const { meta } = lab;
  const transports = meta.transports;
  const lines: string[] = [];
  lines.push(`# Network-delay lab: ${meta.serverRuntime} server`, "");
  lines.push(
    `Made by \`${meta.command}\` on ${meta.date} (${meta.cores}-core VM, kernel ${meta.kernel}, shared with other work while it ran).`,
    `Link: **${meta.link === "netem" ? "veth pair with tc netem" : "two TUN devices joined by scripts/netlab/delay-line.ts (this kernel has no sch_netem)"}**; ` +
      `the set delay is the **round-trip** time (half of it added in each direction); "RTT" below is the average of 20 pings at that setting.`,
    `Client: src/bench-client/main.ts on ${meta.clientRuntime}, ${meta.requests} requests per cell of \`${meta.image}\` to \`${meta.endpoint}\`, one thread, ` +
      `after a warm-up. Latencies are medians of the per-request full-process time (request sent → whole reply received).`,
    `TCP congestion control: ${meta.congestionControl ?? "host default"}; process priority of server and client: ${meta.priority ?? "none"}.`,
    "",
  );
  const header = ["Set delay", "RTT (ping)", "TCP connect", "Server processing", ...transports.map((t) => LABELS[t])];
  const hasRestWs = transports.includes("rest") && transports.includes("websocket");
  if (hasRestWs) header.push("Decrease REST → WS", "Speedup REST / WS");
  if (transports.includes("rest") && transports.includes("tcp")) header.push("Speedup REST / TCP");
  lines.push("## Full-process latency (ms, median)", "", `| ${header.join(" | ")} |`, `|${header.map(() => " ---: ").join("|")}|`);
  for (const row of lab.rows) {
    const cells = [`${row.delay} ms`, f2(row.rttMs), f2(row.connectMs), f1(row.processingMs), ...transports.map((t) => f1(row.transports[t]?.fullMs))];
    const rest = row.transports.rest?.fullMs;
    const ws = row.transports.websocket?.fullMs;
    const tcp = row.transports.tcp?.fullMs;
    if (hasRestWs) cells.push(rest && ws ? `${(((rest - ws) / rest) * 100).toFixed(1)} %` : "–", rest && ws ? `${(rest / ws).toFixed(2)}×` : "–");
    if (transports.includes("rest") && transports.includes("tcp")) cells.push(rest && tcp ? `${(rest / tcp).toFixed(2)}×` : "–");
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "## Overhead above the physical limit (ms, median per request)",
    "",
    "Limit = k × RTT + that request's own server processing time, with k = 2 for REST with a new connection (TCP handshake + request) and",
    "k = 1 for the persistent transports. Overhead = median over requests of (full process − server processing) − k × RTT: transfer of the",
    "image, HTTP/WS/TCP framing, JSON, the worker hop and both event loops. Target: ≤ 1 ms (✓).",
    "",
  );
  const overheadHeader = ["Set delay", "RTT (ping)", ...transports.map((t) => `${LABELS[t]} (k=${t === "rest" ? 2 : 1})`)];
  lines.push(`| ${overheadHeader.join(" | ")} |`, `|${overheadHeader.map(() => " ---: ").join("|")}|`);
  for (const row of lab.rows) {
    const cells = [`${row.delay} ms`, f2(row.rttMs)];
    for (const t of transports) {
      const overhead = row.transports[t]?.overheadMs;
      cells.push(overhead === undefined ? "–" : `${signed(overhead)} ${overhead <= 1 ? "✓" : "✗"}`);
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  if (lab.rows.some((row) => row.delay === 0)) {
    lines.push(
      "",
      "## What the delay itself adds beyond k × RTT (ms, median per request)",
      "",
      "The overhead above minus the same transport's overhead at set delay 0 (same machine, same link, no added delay). This removes",
      "the local, CPU-bound part (image decoding, which server processing does not include, the worker hop, event-loop wake-ups on a",
      "busy machine) and leaves what the network path costs: extra round trips, Nagle/delayed-ACK stalls, slow start. Target ≤ 1 ms (✓).",
      "",
      `| ${overheadHeader.join(" | ")} |`,
      `|${overheadHeader.map(() => " ---: ").join("|")}|`,
    );
    for (const row of lab.rows.filter((r) => r.delay !== 0)) {
      const cells = [`${row.delay} ms`, f2(row.rttMs)];
      for (const t of transports) {
        const extra = row.transports[t]?.networkOverheadMs;
        cells.push(extra === undefined ? "–" : `${signed(extra)} ${extra <= 1 ? "✓" : "✗"}`);
      }
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  lines.push("", summary(lab, "overheadMs", "Above the limit"));
  if (lab.rows.some((row) => row.delay === 0)) lines.push("", summary(lab, "networkOverheadMs", "Added by the delay"));
  lines.push(
    "",
    "## Spread (ms: p95 of full process)",
    "",
    `| Set delay | ${transports.map((t) => LABELS[t]).join(" | ")} |`,
    `| ---: |${transports.map(() => " ---: ").join("|")}|`,
    ...lab.rows.map((row) => `| ${row.delay} ms | ${transports.map((t) => f1(row.transports[t]?.p95Ms)).join(" | ")} |`),
    "",
    `![Latency against RTT](${lab.svgName})`,
    "",
  );
  return lines.join("\n");
}

const raw = options.raw;
const svgPath = options.svg;
const lab = analyseLab(raw, svgPath.split("/").at(-1)!);
writeFileSync(options.markdown, markdown(lab));
writeFileSync(svgPath, latencyChartSvg(lab, LABELS));
console.log(readFileSync(options.markdown, "utf8"));
