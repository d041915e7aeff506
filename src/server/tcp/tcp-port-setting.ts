/**
 * The `--tcp-port` / `TCP_PORT` setting of the persistent-TCP transport (protocol §6, port 8011).
 * Values: a port number; `0` or `off` disables the transport; `random` lets the OS pick a free
 * port (printed at start-up). Not given: 8011, or a free port when the HTTP port is 0, so test
 * servers that ask for ephemeral ports never collide on 8011.
 */

/** The reference's persistent-TCP port. */
export const DEFAULT_TCP_PORT = 8011;

/** Parsed `--tcp-port`; `undefined` when not given. */
export type TcpPortSetting = number | "off" | "random" | undefined;

/**
 * Parses the flag or env value.
 * @throws {RangeError} for anything but 0–65535, `off` or `random`.
 * @example parseTcpPortSetting("0", "--tcp-port") // "off"
 */
export function parseTcpPortSetting(text: string, name: string): TcpPortSetting {
  const value = text.trim().toLowerCase();
  if (value === "off" || value === "0") return "off";
  if (value === "random") return "random";
  const port = Number(value);
  if (value === "" || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`${name} must be a port (1–65535), 0 or "off" (disabled), or "random", got "${text}"`);
  }
  return port;
}

/**
 * The port to listen on: `undefined` = TCP disabled, 0 = any free port.
 * @example resolveTcpPort(undefined, 8008) // 8011
 * @example resolveTcpPort(undefined, 0)    // 0
 */
export function resolveTcpPort(setting: TcpPortSetting, httpPort: number): number | undefined {
  if (setting === "off") return undefined;
  if (setting === "random") return 0;
  if (setting === undefined) return httpPort === 0 ? 0 : DEFAULT_TCP_PORT;
  return setting;
}
