/**
 * Draws a soak run as a self-contained SVG: server RSS over time (top) and replies per second and
 * p99 latency per window (bottom).
 * @module
 */
import type { WindowReport } from "./soak-stats.ts";

const WIDTH = 820, PANEL = 220, MARGIN = { left: 64, right: 64, top: 40, gap: 60, bottom: 40 };

/**
 * @param windows The window reports.
 * @param title A title line (runtime, duration, load factor, machine note).
 * @returns The SVG text.
 */
export function soakChartSvg(windows: readonly WindowReport[], title: string): string {
  const height = MARGIN.top + PANEL * 2 + MARGIN.gap + MARGIN.bottom;
  const tMax = Math.max(1, ...windows.map((w) => w.t));
  const x = (t: number) => MARGIN.left + (t / tMax) * (WIDTH - MARGIN.left - MARGIN.right);
  const top1 = MARGIN.top, top2 = MARGIN.top + PANEL + MARGIN.gap;
  const windowSeconds = windows.length > 1 ? (windows[1]!.t - windows[0]!.t) : tMax;
  const rssMax = niceMax(Math.max(...windows.map((w) => w.rssMiB)));
  const rateMax = niceMax(Math.max(...windows.map((w) => w.received / windowSeconds)));
  const p99Max = niceMax(Math.max(...windows.map((w) => w.p99Ms)));
  const y = (top: number, value: number, max: number) => top + PANEL - (value / max) * PANEL;
  const line = (values: number[], top: number, max: number, colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${windows.map((w, i) => `${x(w.t).toFixed(1)},${y(top, values[i] as number, max).toFixed(1)}`).join(" ")}"/>`;
  const axes = (top: number, leftLabel: string, leftMax: number, rightLabel?: string, rightMax?: number) => [
    `<rect x="${MARGIN.left}" y="${top}" width="${WIDTH - MARGIN.left - MARGIN.right}" height="${PANEL}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left - 6}" y="${top + 4}" text-anchor="end">${leftMax}</text>`,
    `<text x="${MARGIN.left - 6}" y="${top + PANEL}" text-anchor="end">0</text>`,
    `<text x="${MARGIN.left}" y="${top - 8}">${leftLabel}</text>`,
    rightLabel === undefined ? "" : `<text x="${WIDTH - MARGIN.right}" y="${top - 8}" text-anchor="end">${rightLabel}</text>`,
    rightMax === undefined ? "" : `<text x="${WIDTH - MARGIN.right + 6}" y="${top + 4}">${rightMax}</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="${top + PANEL + 16}" text-anchor="end">${(tMax / 60).toFixed(0)} min</text>`,
    `<text x="${MARGIN.left}" y="${top + PANEL + 16}">0</text>`,
  ].join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14">${escapeXml(title)}</text>`,
    axes(top1, "server RSS (MiB)", rssMax),
    line(windows.map((w) => w.rssMiB), top1, rssMax, "#c0392b"),
    axes(top2, '<tspan fill="#2471a3">replies/s</tspan>', rateMax, '<tspan fill="#7d3c98">p99 latency (ms)</tspan>', p99Max),
    line(windows.map((w) => w.received / windowSeconds), top2, rateMax, "#2471a3"),
    line(windows.map((w) => w.p99Ms), top2, p99Max, "#7d3c98"),
    `</svg>`,
  ].join("\n");
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
