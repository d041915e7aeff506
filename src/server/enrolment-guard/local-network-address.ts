/**
 * Which client addresses count as "on the operator's network": loopback, the private IPv4
 * ranges (RFC 1918), link-local, and IPv6 unique-local / link-local, also in IPv4-mapped form.
 * @module
 */

/**
 * Tells whether an address is loopback or private-network.
 *
 * @param address The peer address as the runtime reports it (`"192.168.1.20"`, `"::1"`, `"::ffff:10.0.0.5"`).
 * @returns `true` for loopback, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7, fe80::/10.
 * @example
 * ```ts
 * isLocalNetworkAddress("10.1.2.3"); // true
 * isLocalNetworkAddress("203.0.113.9"); // false
 * ```
 */
export function isLocalNetworkAddress(address: string | undefined): boolean {
  if (address === undefined || address === "") return false;
  const lower = address.toLowerCase().replace(/%.*$/, "");
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped !== null) return isLocalIpv4(mapped[1] as string);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(lower)) return isLocalIpv4(lower);
  if (lower === "::1") return true;
  const first = Number.parseInt(lower.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

function isLocalIpv4(address: string): boolean {
  const [a, b] = address.split(".").map(Number) as [number, number];
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}
