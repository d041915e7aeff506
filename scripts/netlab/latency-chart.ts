/** SVG chart of full-process latency against measured RTT (log–log), one line per transport, plus the limits. */
import type { LabAnalysis, TransportName } from "./lab-analysis.ts";

const COLOURS: Record<TransportName, string> = {
  rest: "#d62728",
  "rest-keepalive": "#ff7f0e",
  websocket: "#1f77b4",
  tcp: "#2ca02c",
};

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Renders the chart as a standalone SVG document. */
export function latencyChartSvg(lab: LabAnalysis, labels: Record<TransportName, string>): string {
  const width = 760, height = 500;
  const left = 70, right = 200, top = 40, bottom = 60;
  const plotW = width - left - right, plotH = height - top - bottom;
  const rows = lab.rows.filter((r) => r.delay > 0 && Number.isFinite(r.rttMs) && r.rttMs > 0); // the 0 ms baseline has no place on a log axis
  const xs = rows.map((r) => r.rttMs);
  const ys = rows.flatMap((r) => [...Object.values(r.transports).map((c) => c!.fullMs), 2 * r.rttMs + r.processingMs, r.rttMs + r.processingMs]);
  const xMin = Math.min(...xs) / 1.3, xMax = Math.max(...xs) * 1.3;
  const yMin = Math.min(...ys) / 1.3, yMax = Math.max(...ys) * 1.3;
  const x = (v: number) => left + (Math.log(v / xMin) / Math.log(xMax / xMin)) * plotW;
  const y = (v: number) => top + plotH - (Math.log(v / yMin) / Math.log(yMax / yMin)) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${left}" y="22" font-size="15" font-weight="bold">${escapeXml(`Full-process latency vs RTT (${lab.meta.serverRuntime} server, ${lab.meta.congestionControl ?? "host"} TCP, median of ${lab.meta.requests})`)}</text>`);
  const ticks = (min: number, max: number) => [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].filter((t) => t >= min && t <= max);
  for (const t of ticks(xMin, xMax)) {
    out.push(`<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${top + plotH}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${x(t)}" y="${top + plotH + 16}" text-anchor="middle">${t}</text>`);
  }
  for (const t of ticks(yMin, yMax)) {
    out.push(`<line x1="${left}" y1="${y(t)}" x2="${left + plotW}" y2="${y(t)}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${left + plotW / 2}" y="${height - 18}" text-anchor="middle">measured round-trip time (ms, log scale)</text>`);
  out.push(`<text transform="translate(18 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">full-process latency (ms, log scale)</text>`);
  const path = (points: [number, number][]) => points.map(([px, py], i) => `${i === 0 ? "M" : "L"}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(" ");
  const legend: Array<{ label: string; colour: string; dash?: string }> = [];
  const limits: Array<[string, number, string]> = [["2 × RTT + processing", 2, "#999"], ["RTT + processing", 1, "#555"]];
  for (const [label, k, colour] of limits) {
    out.push(`<path d="${path(rows.map((r) => [r.rttMs, k * r.rttMs + r.processingMs]))}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    legend.push({ label, colour, dash: "6 4" });
  }
  for (const transport of lab.meta.transports) {
    const points = rows.filter((r) => r.transports[transport] !== undefined).map((r) => [r.rttMs, r.transports[transport]!.fullMs] as [number, number]);
    if (points.length === 0) continue;
    const colour = COLOURS[transport];
    out.push(`<path d="${path(points)}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [px, py] of points) out.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${colour}"/>`);
    legend.push({ label: labels[transport], colour });
  }
  legend.forEach((item, i) => {
    const ly = top + 10 + i * 20;
    out.push(`<line x1="${left + plotW + 14}" y1="${ly}" x2="${left + plotW + 40}" y2="${ly}" stroke="${item.colour}" stroke-width="2"${item.dash ? ` stroke-dasharray="${item.dash}"` : ""}/>`);
    out.push(`<text x="${left + plotW + 46}" y="${ly + 4}">${escapeXml(item.label)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
