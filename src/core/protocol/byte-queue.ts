/**
 * A FIFO of received byte chunks that hands out exact-length slices, for stream decoders that
 * must cope with frames split across reads or several frames arriving in one read.
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0; // bytes already consumed from #chunks[0]
  #length = 0;

  /** Number of bytes buffered and not yet taken. */
  get length(): number {
    return this.#length;
  }

  /** Appends a chunk (kept by reference; callers must not reuse it). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /**
   * Reads a big-endian uint32 at `offset` bytes from the front without consuming anything.
   * @throws {RangeError} when fewer than offset + 4 bytes are buffered.
   */
  peekUint32(offset: number): number {
    if (offset + 4 > this.#length) throw new RangeError(`Need "${offset + 4}" bytes, have "${this.#length}"`);
    let value = 0;
    for (let i = 0; i < 4; i++) value = value * 256 + this.#byteAt(offset + i);
    return value;
  }

  /**
   * Removes and returns the first `count` bytes. A slice of a single chunk is returned without copying.
   * @throws {RangeError} when fewer than `count` bytes are buffered.
   */
  take(count: number): Uint8Array {
    if (count > this.#length) throw new RangeError(`Need "${count}" bytes, have "${this.#length}"`);
    const first = this.#chunks[0];
    if (count === 0 || first === undefined) return new Uint8Array(0);
    if (first.length - this.#head >= count) {
      const slice = first.subarray(this.#head, this.#head + count);
      this.#advance(count);
      return slice;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.#chunks[0]!;
      const n = Math.min(chunk.length - this.#head, count - filled);
      out.set(chunk.subarray(this.#head, this.#head + n), filled);
      filled += n;
      this.#advance(n);
    }
    return out;
  }

  /** Drops the first `count` bytes (or everything buffered if fewer). */
  skip(count: number): void {
    let left = Math.min(count, this.#length);
    while (left > 0) {
      const n = Math.min(this.#chunks[0]!.length - this.#head, left);
      this.#advance(n);
      left -= n;
    }
  }

  #advance(n: number): void {
    this.#head += n;
    this.#length -= n;
    if (this.#head === this.#chunks[0]?.length) {
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  #byteAt(offset: number): number {
    let index = this.#head + offset;
    for (const chunk of this.#chunks) {
      if (index < chunk.length) return chunk[index]!;
      index -= chunk.length;
    }
    throw new RangeError(`Offset "${offset}" is past the buffered bytes`);
  }
}
