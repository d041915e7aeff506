/** A one-line progress bar on stderr, redrawn at most ten times a second. For terminals only. */
export class ProgressBar {
  readonly #total: number;
  readonly #write: (text: string) => void;
  #done = 0;
  #lastDraw = 0;
  readonly #started = performance.now();

  constructor(total: number, write: (text: string) => void) {
    this.#total = total;
    this.#write = write;
  }

  tick(): void {
    this.#done++;
    const now = performance.now();
    if (now - this.#lastDraw >= 100 || this.#done === this.#total) {
      this.#lastDraw = now;
      this.#draw(now);
    }
  }

  /** Erases the bar so the report starts on a clean line. */
  finish(): void {
    this.#write("\r\x1b[2K");
  }

  #draw(now: number): void {
    const width = 30;
    const fraction = this.#total > 0 ? Math.min(1, this.#done / this.#total) : 1;
    const filled = Math.round(fraction * width);
    const rate = this.#done / Math.max(0.001, (now - this.#started) / 1000);
    this.#write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.#done}/${this.#total} ${rate.toFixed(1)}/s`);
  }
}
