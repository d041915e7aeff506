/**
 * The MobiledgeX persistent-TCP framing (protocol §6), shared by the server session, the
 * benchmark client and the tests. Pure: bytes in, frames out; no sockets.
 *
 * Request:  uint32 BE opcode | uint32 BE payload length N | N payload bytes
 * Reply:    uint32 BE JSON length L | L bytes of UTF-8 JSON
 */
import type { TaskName } from "../engine/types.ts";
import { TASKS } from "../tasks/registry.ts";
import { pythonJsonDumps } from "./mobiledgex-json.ts";
import { ByteQueue } from "./byte-queue.ts";

/** Size of the request header (opcode + length) in bytes. */
export const TCP_REQUEST_HEADER_BYTES = 8;
/** Size of the reply header (length) in bytes. */
export const TCP_REPLY_HEADER_BYTES = 4;
/** Opcode of the ping request, answered with {@link TCP_PONG_REPLY}. */
export const TCP_PING_OPCODE = 5;
/** The exact reply to a ping. */
export const TCP_PONG_REPLY = '{"success": "pong"}';

/** Opcode → the task it runs (from the task definitions: 1 face detection … 4 objects). */
export const TCP_OPCODE_TASKS: ReadonlyMap<number, TaskName> = new Map<number, TaskName>(
  TASKS.map((task) => [task.tcpOpcode, task.name]),
);

/**
 * The opcode that runs `task` (the inverse of {@link TCP_OPCODE_TASKS}).
 * @example opcodeForTask("objects") // 4
 */
export function opcodeForTask(task: TaskName): number {
  for (const [opcode, name] of TCP_OPCODE_TASKS) if (name === task) return opcode;
  throw new RangeError(`No opcode for task "${task}"`);
}

/**
 * The reference server's reply to an opcode it does not know, byte for byte.
 * @example unsupportedOpcodeReply(9) // '{"success": "false", "error": "Unsupported opcode: 9", "server_processing_time": 0}'
 */
export function unsupportedOpcodeReply(opcode: number): string {
  return tcpErrorReply(`Unsupported opcode: ${opcode}`);
}

/**
 * A JSON error document in the TCP/WS error style (`server_processing_time` is the integer 0).
 * @example tcpErrorReply("Bad image") // '{"success": "false", "error": "Bad image", "server_processing_time": 0}'
 */
export function tcpErrorReply(message: string): string {
  return pythonJsonDumps({ success: "false", error: message, server_processing_time: 0 });
}

/**
 * Frames one request.
 * @param opcode 0 … 2^32−1 (1–4 run a task, 5 is ping).
 * @param payload the encoded image (may be empty for ping).
 * @returns header and payload in one buffer.
 */
export function encodeTcpRequest(opcode: number, payload: Uint8Array): Uint8Array {
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xffffffff) throw new RangeError(`Opcode "${opcode}" is not a uint32`);
  const frame = new Uint8Array(TCP_REQUEST_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, opcode, false);
  view.setUint32(4, payload.length, false);
  frame.set(payload, TCP_REQUEST_HEADER_BYTES);
  return frame;
}

/**
 * Frames one reply: the UTF-8 bytes of `json` behind their big-endian length.
 * @example encodeTcpReply('{"success": "pong"}') // 00 00 00 13 7b 22 …
 */
export function encodeTcpReply(json: string): Uint8Array {
  const body = new TextEncoder().encode(json);
  const frame = new Uint8Array(TCP_REPLY_HEADER_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, false);
  frame.set(body, TCP_REPLY_HEADER_BYTES);
  return frame;
}

/** What {@link TcpRequestDecoder.push} yields. */
export type TcpRequestEvent =
  | { kind: "request"; opcode: number; payload: Uint8Array }
  /** The header announced more than the limit; the decoder has stopped (the stream cannot be resynchronised cheaply). */
  | { kind: "oversized"; opcode: number; length: number; limit: number };

/** Options of {@link TcpRequestDecoder}. */
export interface TcpRequestDecoderOptions {
  /** Largest accepted payload in bytes. Default 16 MiB (the reference's WebSocket message limit). */
  maxPayloadBytes?: number;
}

/** Default payload limit: 16 MiB. */
export const DEFAULT_TCP_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/**
 * Incremental request decoder: feed it whatever the socket delivers; it returns every complete
 * frame, in order, however the bytes were split or coalesced.
 *
 * @example
 * const decoder = new TcpRequestDecoder();
 * decoder.push(new Uint8Array([0, 0, 0, 5, 0, 0])); // []
 * decoder.push(new Uint8Array([0, 0]));             // [{ kind: "request", opcode: 5, payload: (empty) }]
 */
export class TcpRequestDecoder {
  readonly maxPayloadBytes: number;
  #queue = new ByteQueue();
  #stopped = false;

  constructor(options: TcpRequestDecoderOptions = {}) {
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_TCP_MAX_PAYLOAD_BYTES;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.#queue.length;
  }

  /**
   * Adds received bytes and returns the frames they complete. After an "oversized" event every
   * later call returns [] (the connection should be closed).
   */
  push(chunk: Uint8Array): TcpRequestEvent[] {
    if (this.#stopped) return [];
    this.#queue.push(chunk);
    const events: TcpRequestEvent[] = [];
    while (this.#queue.length >= TCP_REQUEST_HEADER_BYTES) {
      const opcode = this.#queue.peekUint32(0);
      const length = this.#queue.peekUint32(4);
      if (length > this.maxPayloadBytes) {
        this.#stopped = true;
        this.#queue.skip(this.#queue.length);
        events.push({ kind: "oversized", opcode, length, limit: this.maxPayloadBytes });
        break;
      }
      if (this.#queue.length < TCP_REQUEST_HEADER_BYTES + length) break;
      this.#queue.skip(TCP_REQUEST_HEADER_BYTES);
      events.push({ kind: "request", opcode, payload: this.#queue.take(length) });
    }
    return events;
  }
}

/**
 * Incremental reply decoder for clients: returns each complete JSON reply as a string.
 * @example new TcpReplyDecoder().push(encodeTcpReply('{"success": "pong"}')) // ['{"success": "pong"}']
 */
export class TcpReplyDecoder {
  #queue = new ByteQueue();
  #text = new TextDecoder();

  /** Bytes received but not yet part of a complete reply. */
  get bufferedBytes(): number {
    return this.#queue.length;
  }

  /** Adds received bytes and returns the replies they complete, in order. */
  push(chunk: Uint8Array): string[] {
    this.#queue.push(chunk);
    const replies: string[] = [];
    while (this.#queue.length >= TCP_REPLY_HEADER_BYTES) {
      const length = this.#queue.peekUint32(0);
      if (this.#queue.length < TCP_REPLY_HEADER_BYTES + length) break;
      this.#queue.skip(TCP_REPLY_HEADER_BYTES);
      replies.push(this.#text.decode(this.#queue.take(length)));
    }
    return replies;
  }
}
