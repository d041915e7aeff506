/**
 * Draws a MobiledgeX reply on a view: face boxes, the recognised subject, BODY_25 skeletons,
 * and labelled object boxes. Coordinates are in pixels of the frame as sent.
 * @module
 */
import type { MobiledgeXReply, ReplyRect } from "../runtime/browser/mod.ts";

/** The 24 BODY_25 bones the reference clients draw (protocol reference §3.4). */
const BODY_25_BONES: readonly [number, number][] = [
  [1, 8], [1, 2], [1, 5], [2, 3], [3, 4], [5, 6], [6, 7], [8, 9], [9, 10], [10, 11], [8, 12], [12, 13],
  [13, 14], [1, 0], [0, 15], [15, 17], [0, 16], [16, 18], [14, 19], [19, 20], [14, 21], [11, 22], [22, 23], [11, 24],
];

/**
 * Paints `frame` onto `canvas` (scaled to fit, centred, keeping its aspect), then the reply on top.
 *
 * @param canvas The view's canvas (its own size is kept).
 * @param frame The frame that was sent.
 * @param reply The reply for that frame, or `undefined` to show the frame only.
 * @param color Stroke colour of this path.
 */
export function drawReplyOnFrame(canvas: HTMLCanvasElement, frame: HTMLCanvasElement, reply: MobiledgeXReply | undefined, color: string): void {
  const g = canvas.getContext("2d");
  if (g === null) return;
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.fillStyle = "#1a202c";
  g.fillRect(0, 0, canvas.width, canvas.height);
  const scale = Math.min(canvas.width / frame.width, canvas.height / frame.height);
  g.translate((canvas.width - frame.width * scale) / 2, (canvas.height - frame.height * scale) / 2);
  g.imageSmoothingQuality = "high";
  g.drawImage(frame, 0, 0, frame.width * scale, frame.height * scale);
  if (reply === undefined || reply.success !== "true") return;
  g.lineWidth = 3;
  g.strokeStyle = color;
  g.font = "600 13px system-ui, sans-serif";
  g.textAlign = "left";
  g.textBaseline = "bottom";
  for (const rect of reply.rects ?? []) strokeRect(g, rect, scale);
  if (reply.rect !== undefined) {
    strokeRect(g, reply.rect, scale);
    if (reply.subject !== undefined) label(g, reply.rect, scale, `${reply.subject} (${reply.confidence ?? "?"})`, color);
  }
  const placed: [number, number, number][] = [];
  for (const object of reply.objects ?? []) {
    strokeRect(g, object.rect, scale);
    label(g, object.rect, scale, `${object.class} ${Math.round(Number(object.confidence) * 100)}%`, color, placed);
  }
  for (const pose of reply.poses ?? []) drawSkeleton(g, pose, scale, color);
}

function strokeRect(g: CanvasRenderingContext2D, [left, top, right, bottom]: ReplyRect, scale: number): void {
  g.strokeRect(left * scale, top * scale, (right - left) * scale, (bottom - top) * scale);
}

/** Draws a label above a box; `placed` (x, bottom, width of earlier labels) moves it down past overlaps. */
function label(g: CanvasRenderingContext2D, [left, top]: ReplyRect, scale: number, text: string, color: string, placed: [number, number, number][] = []): void {
  const x = Math.max(0, left * scale);
  let y = Math.max(18, top * scale);
  const width = g.measureText(text).width + 8;
  while (placed.some(([px, py, pw]) => x < px + pw && px < x + width && Math.abs(py - y) < 18)) y += 18;
  placed.push([x, y, width]);
  g.fillStyle = color;
  g.fillRect(x - 1.5, y - 18, width, 18);
  g.fillStyle = "#fff";
  g.fillText(text, x + 3, y - 3);
}

function drawSkeleton(g: CanvasRenderingContext2D, keypoints: [number, number, number][], scale: number, color: string): void {
  g.save();
  g.lineWidth = 3;
  g.strokeStyle = color;
  for (const [a, b] of BODY_25_BONES) {
    const p = keypoints[a];
    const q = keypoints[b];
    if (p === undefined || q === undefined || p[2] === 0 || q[2] === 0) continue;
    g.beginPath();
    g.moveTo(p[0] * scale, p[1] * scale);
    g.lineTo(q[0] * scale, q[1] * scale);
    g.stroke();
  }
  g.fillStyle = "#f6ad55";
  for (const [x, y, score] of keypoints) {
    if (score === 0) continue;
    g.beginPath();
    g.arc(x * scale, y * scale, 4, 0, Math.PI * 2);
    g.fill();
  }
  g.restore();
}

/**
 * A short text of what a reply found, e.g. `"3 faces"`, `"bicycle, chair"`, `"nothing found"`.
 *
 * @param reply The reply.
 * @returns The summary.
 */
export function summariseReply(reply: MobiledgeXReply): string {
  if (reply.error !== undefined) return `error: ${reply.error}`;
  if (reply.success !== "true") return "nothing found";
  if (reply.rects !== undefined) return `${reply.rects.length} face${reply.rects.length === 1 ? "" : "s"}`;
  if (reply.subject !== undefined) return `face: ${reply.subject}`;
  if (reply.poses !== undefined) return `${reply.poses.length} pose${reply.poses.length === 1 ? "" : "s"}`;
  if (reply.objects !== undefined) {
    const counts = new Map<string, number>();
    for (const object of reply.objects) counts.set(object.class, (counts.get(object.class) ?? 0) + 1);
    return [...counts].map(([name, n]) => (n === 1 ? name : `${name} ×${n}`)).join(", ");
  }
  return "found";
}
