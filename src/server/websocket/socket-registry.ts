/**
 * The open WebSockets of one server, so shutdown can close them after the in-flight work is done.
 * @module
 */

/** A set of open sockets, each represented by its close function. */
export class SocketRegistry {
  readonly #open = new Set<() => void>();

  /**
   * Registers an open socket.
   *
   * @param close Closes that socket.
   * @returns Unregisters it (call on close).
   */
  opened(close: () => void): () => void {
    this.#open.add(close);
    return () => this.#open.delete(close);
  }

  /** Number of open sockets. */
  get size(): number {
    return this.#open.size;
  }

  /** Closes every open socket. */
  closeAll(): void {
    for (const close of [...this.#open]) {
      try {
        close();
      } catch {
        // Already closing.
      }
    }
    this.#open.clear();
  }
}
