/**
 * One result panel of the demo page (edge or on device): the picture with what was found,
 * and the latency numbers.
 * @module
 */
import type { MobiledgeXReply } from "../runtime/browser/mod.ts";
import { drawReplyOnFrame, summariseReply } from "./draw-reply.ts";

/** The numbers a panel shows; `undefined` leaves a field as it is. */
export interface PathNumbers {
  fullMs?: number | undefined;
  rollingMedianMs?: number | undefined;
  rollingMeanMs?: number | undefined;
  /** `server_processing_time` of the reply. */
  processing?: string | number | undefined;
  /** Edge: network-only round trip; device: thread count text. */
  network?: string | undefined;
  frames?: number | undefined;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A result panel bound to its DOM element (`figure.view`). */
export class PathView {
  readonly #root: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #color: string;

  /**
   * @param root The panel element.
   * @param color Stroke colour for boxes and skeletons.
   */
  constructor(root: HTMLElement, color: string) {
    this.#root = root;
    this.#canvas = root.querySelector("canvas")!;
    this.#color = color;
  }

  /** Draws the frame and the reply, and the "Found" summary. */
  showResult(frame: HTMLCanvasElement, reply: MobiledgeXReply | undefined): void {
    drawReplyOnFrame(this.#canvas, frame, reply, this.#color);
    if (reply !== undefined) this.#field("summary", summariseReply(reply));
  }

  /** Updates the numbers. */
  showNumbers(numbers: PathNumbers): void {
    if (numbers.fullMs !== undefined) this.#field("full", ms(numbers.fullMs));
    if (numbers.rollingMedianMs !== undefined) {
      this.#field("rolling", `${ms(numbers.rollingMedianMs)} (${ms(numbers.rollingMeanMs ?? numbers.rollingMedianMs)})`);
    }
    if (numbers.processing !== undefined) this.#field("processing", `${Number(numbers.processing).toFixed(1)} ms`);
    if (numbers.network !== undefined) this.#field("network", numbers.network);
    if (numbers.frames !== undefined) this.#field("frames", String(numbers.frames));
  }

  /** A warning line under the numbers (empty string clears it). */
  note(text: string): void {
    this.#field("note", text);
  }

  /** Sets the caption's sub-title. */
  subtitle(text: string): void {
    this.#field("build", text);
  }

  /** Auto mode: dims a panel that did not produce the latest frame and badges the one that did. */
  markAuto(state: "off" | "used" | "idle"): void {
    this.#root.classList.toggle("idle", state === "idle");
    const badge = this.#root.querySelector<HTMLElement>(".badge");
    if (badge !== null) badge.hidden = state !== "used";
  }

  #field(name: string, text: string): void {
    const element = this.#root.querySelector<HTMLElement>(`[data-field="${name}"]`);
    if (element !== null) element.textContent = text;
  }
}
