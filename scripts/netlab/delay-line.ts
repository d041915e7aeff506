/**
 * A userspace "netem": two TUN devices joined by a delay line. Every IP packet read from one
 * device is written to the other `--one-way-ms` milliseconds later, in both directions, so the
 * round-trip time between the two ends is twice that. Used by run-lab.sh when the kernel has no
 * sch_netem (`tc qdisc … netem` fails); with netem available the lab uses a veth pair instead.
 *
 * Runs under Deno with FFI to libc (open/ioctl/read/write/ppoll/clock_gettime), single-threaded:
 *   deno run --allow-ffi --allow-read=/dev/net/tun --allow-write=/dev/net/tun scripts/netlab/delay-line.ts \
 *     --tun-a evlab-s0 --tun-b evlab-c0 --one-way-ms 10
 * It creates both (non-persistent) devices in the current network namespace, prints "ready", and
 * forwards until killed or until its stdin closes; the devices disappear with the process. The
 * caller moves them into the namespaces and assigns addresses. A line "<ms>" on stdin sets a new
 * one-way delay (acknowledged with "delay <ms>" on stdout), so one process serves a whole lab run.
 */
import { parseScriptSettings } from "../script-runtime.ts";
import { SCRIPT_SETTINGS } from "../script-settings.ts";

declare const Deno: {
  args: string[];
  dlopen<S extends Record<string, { parameters: string[]; result: string }>>(path: string, symbols: S): { symbols: Record<keyof S, (...args: any[]) => any> };
  UnsafePointer: { of(buffer: ArrayBufferView): unknown };
  exit(code: number): never;
};

const IFF_TUN = 0x0001;
const IFF_NO_PI = 0x1000;
const TUNSETIFF = 0x400454ca;
const O_RDWR = 2;
const O_NONBLOCK = 0o4000;
const POLLIN = 1;
const CLOCK_MONOTONIC = 1;
const EAGAIN = 11;
const MAX_PACKET = 65536;

/** A delay: a number of milliseconds from 0. */
function milliseconds(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a number ≥ 0, got "${text}"`);
  return value;
}

const { values: options } = parseScriptSettings({
  tunA: SCRIPT_SETTINGS.required("--tun-a", "one TUN device"),
  tunB: SCRIPT_SETTINGS.required("--tun-b", "the other TUN device"),
  oneWayMs: SCRIPT_SETTINGS.required("--one-way-ms", "delay in each direction, milliseconds", milliseconds),
}, "usage: delay-line.ts --tun-a NAME --tun-b NAME --one-way-ms MS");
const nameA = options.tunA;
const nameB = options.tunB;
let oneWayNs = BigInt(Math.round(options.oneWayMs * 1e6));

const libc = Deno.dlopen("libc.so.6", {
  open: { parameters: ["buffer", "i32"], result: "i32" },
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  ppoll: { parameters: ["buffer", "u64", "buffer", "pointer"], result: "i32" },
  clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
}).symbols;

const cString = (text: string) => new TextEncoder().encode(text + "\0");

function openTun(name: string): number {
  const fd = libc.open(cString("/dev/net/tun"), O_RDWR | O_NONBLOCK) as number;
  if (fd < 0) throw new Error(`Cannot open "/dev/net/tun" (run as root)`);
  const ifreq = new Uint8Array(40); // struct ifreq: char ifr_name[16]; short ifr_flags; …
  ifreq.set(new TextEncoder().encode(name).subarray(0, 15));
  new DataView(ifreq.buffer).setInt16(16, IFF_TUN | IFF_NO_PI, true);
  if ((libc.ioctl(fd, BigInt(TUNSETIFF), ifreq) as number) < 0) throw new Error(`TUNSETIFF "${name}" failed`);
  return fd;
}

const timespec = new BigInt64Array(2);
function nowNs(): bigint {
  libc.clock_gettime(CLOCK_MONOTONIC, timespec);
  return timespec[0]! * 1_000_000_000n + timespec[1]!;
}

interface Packet { due: bigint; bytes: Uint8Array }
const fdA = openTun(nameA);
const fdB = openTun(nameB);
/** Packets waiting to be written to A (read from B) and to B (read from A); FIFO = due order. */
const toA: Packet[] = [];
const toB: Packet[] = [];
const pollfds = new Uint8Array(24); // 3 × struct pollfd { int fd; short events; short revents; }: A, B, stdin
const pollView = new DataView(pollfds.buffer);
pollView.setInt32(0, fdA, true);
pollView.setInt16(4, POLLIN, true);
pollView.setInt32(8, fdB, true);
pollView.setInt16(12, POLLIN, true);
pollView.setInt32(16, 0, true);
pollView.setInt16(20, POLLIN, true);
const POLLHUP = 0x10;
const control = new Uint8Array(256);

/** Reads a control line from stdin: a new one-way delay in ms. Exits when stdin is closed. */
function readControl(): void {
  const n = Number(libc.read(0, control, BigInt(control.length)));
  if (n <= 0) Deno.exit(0);
  const text = new TextDecoder().decode(control.subarray(0, n)).trim().split(/\s+/).at(-1) ?? "";
  const ms = Number(text);
  if (text === "" || !Number.isFinite(ms) || ms < 0) return;
  oneWayNs = BigInt(Math.round(ms * 1e6));
  console.log(`delay ${text}`); // echoes the caller's text so it can wait for exactly this line
}
const timeout = new BigInt64Array(2);
const buffer = new Uint8Array(MAX_PACKET);
console.log("ready");

function drain(fd: number, queue: Packet[], now: bigint): void {
  for (;;) {
    const n = Number(libc.read(fd, buffer, BigInt(MAX_PACKET)));
    if (n <= 0) return; // EAGAIN: nothing more for now
    queue.push({ due: now + oneWayNs, bytes: buffer.slice(0, n) });
  }
}

function release(fd: number, queue: Packet[], now: bigint): void {
  while (queue.length > 0 && queue[0]!.due <= now) {
    const packet = queue.shift()!;
    libc.write(fd, packet.bytes, BigInt(packet.bytes.length)); // a full TUN queue drops, like a real link
  }
}

for (;;) {
  const now = nowNs();
  release(fdA, toA, now);
  release(fdB, toB, now);
  const next = [toA[0]?.due, toB[0]?.due].filter((d): d is bigint => d !== undefined).reduce((a, b) => (a < b ? a : b), now + 1_000_000_000n);
  const wait = next > now ? next - now : 0n;
  timeout[0] = wait / 1_000_000_000n;
  timeout[1] = wait % 1_000_000_000n;
  pollView.setInt16(6, 0, true);
  pollView.setInt16(14, 0, true);
  pollView.setInt16(22, 0, true);
  const ready = libc.ppoll(pollfds, 3n, timeout, null) as number;
  if (ready <= 0) continue;
  const arrived = nowNs();
  if (pollView.getInt16(6, true) & POLLIN) drain(fdA, toB, arrived);
  if (pollView.getInt16(14, true) & POLLIN) drain(fdB, toA, arrived);
  if (pollView.getInt16(22, true) & (POLLIN | POLLHUP)) readControl();
}
