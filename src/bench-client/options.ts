/**
 * Command line of the benchmark client: the reference multi_client.py options (§9.1) plus
 * `-c rest-keepalive`, `-c tcp` (alias of `socket`) and `--json FILE`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TASKS } from "../core/tasks/registry.ts";

export type ConnectionMethod = "rest" | "rest-keepalive" | "websocket" | "socket";
export type NetworkLatencyMode = "PING" | "SOCKET" | "NONE";

export interface BenchOptions {
  server: string;
  endpoint: string;
  /** As typed on the command line (printed in the Grand totals header). */
  connectionLabel: string;
  connection: ConnectionMethod;
  networkLatency: NetworkLatencyMode;
  files: string[];
  repeat: number;
  threads: number;
  port: number;
  base64: boolean;
  jsonParams: Record<string, string>;
  showResponses: boolean;
  serverStats: boolean;
  jsonFile: string | undefined;
  /** Milliseconds between thread starts (the reference waits 0.5 s). */
  threadStaggerMs: number;
  /** Show a progress bar (default: when stdout and stderr are terminals). */
  progress: boolean | undefined;
}

export const ENDPOINTS = [...TASKS.map((task) => task.endpoint), "/trainer/add/", "/trainer/predict/"];

const METHODS: Record<string, ConnectionMethod> = {
  rest: "rest",
  "rest-keepalive": "rest-keepalive",
  websocket: "websocket",
  socket: "socket",
  tcp: "socket",
};

export const USAGE = `Usage: edgevision-bench-client -s SERVER -e ENDPOINT -c METHOD (-f FILE | -d DIR) [options]
  -s, --server HOST              server host name or IP (required)
  -e, --endpoint PATH            ${TASKS.map((task) => task.endpoint).join(", ")} (required)
  -c, --connection-method M      rest (new TCP connection per request), rest-keepalive (one HTTP/1.1
                                 keep-alive connection per thread), websocket, socket | tcp (persistent TCP)
  -n, --network-latency MODE     SOCKET (TCP connect time, default), PING (ICMP ping) or NONE; once a second
  -f, --filename FILE            image file (still images only; video is not supported)
  -d, --directory DIR            every *jpg, *jpeg, *png file in DIR, round-robin
  -r, --repeat N                 sends per thread = N × files (default 1)
  -t, --threads N                concurrent clients, started 0.5 s apart (default 1)
  -p, --port N                   default 8008 (rest, rest-keepalive, websocket), 8011 (socket/tcp)
  -j, --json-params JSON         extra form fields, with --base64 only
      --base64                   REST: send image=<base64> as application/x-www-form-urlencoded
      --show-responses           log every response and latency probe
      --server-stats             poll GET /server/usage/ during the run
      --json FILE                also write machine-readable results (all samples) to FILE
      --thread-stagger-ms N      delay between thread starts (default 500, as the reference)
      --progress | --no-progress force the progress bar on or off (default: on when on a terminal)
  -h, --help`;

/** Thrown for a bad command line; the message is shown with the usage. */
export class UsageError extends Error {}

/**
 * Parses argv (without the runtime and script names).
 * @throws {UsageError} on unknown or missing options.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const aliases: Record<string, string> = {
    "-s": "--server", "-e": "--endpoint", "-c": "--connection-method", "-n": "--network-latency",
    "-f": "--filename", "-d": "--directory", "-r": "--repeat", "-t": "--threads", "-p": "--port", "-j": "--json-params",
  };
  const takesValue = new Set([...Object.values(aliases), "--json", "--thread-stagger-ms"]);
  const booleans = new Set(["--base64", "--show-responses", "--server-stats", "--progress", "--no-progress", "--help", "-h", "--tls", "--noverify"]);
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = aliases[eq >= 0 ? raw.slice(0, eq) : raw] ?? (eq >= 0 ? raw.slice(0, eq) : raw);
    if (booleans.has(name)) {
      flags.add(name);
    } else if (takesValue.has(name)) {
      const value = eq >= 0 ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`Option "${raw}" needs a value`);
      values.set(name, value);
    } else {
      throw new UsageError(`Unknown option "${raw}"`);
    }
  }
  if (flags.has("--help") || flags.has("-h")) throw new UsageError("");
  if (flags.has("--tls") || flags.has("--noverify")) throw new UsageError("TLS is not supported by this client (the lab and tests use plain HTTP/WS/TCP)");
  const required = (name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new UsageError(`Option "${name}" is required`);
    return value;
  };
  const server = required("--server");
  const endpoint = required("--endpoint");
  if (!ENDPOINTS.includes(endpoint)) throw new UsageError(`Endpoint "${endpoint}" is not one of ${ENDPOINTS.join(", ")}`);
  const connectionLabel = required("--connection-method");
  const connection = METHODS[connectionLabel];
  if (connection === undefined) throw new UsageError(`Connection method "${connectionLabel}" is not one of ${Object.keys(METHODS).join(", ")}`);
  const networkLatency = (values.get("--network-latency") ?? "SOCKET").toUpperCase();
  if (networkLatency !== "PING" && networkLatency !== "SOCKET" && networkLatency !== "NONE") {
    throw new UsageError(`Network latency mode "${networkLatency}" is not PING, SOCKET or NONE`);
  }
  const file = values.get("--filename");
  const directory = values.get("--directory");
  if ((file === undefined) === (directory === undefined)) throw new UsageError("Give exactly one of -f/--filename and -d/--directory");
  let files: string[];
  if (file !== undefined) {
    if (/\.(mp4|avi|mov)$/.test(file)) throw new UsageError(`Video input "${file}" is not supported; send still images`);
    files = [file];
  } else {
    files = readdirSync(directory!).filter((n) => /(jpg|jpeg|png)$/.test(n)).sort().map((n) => join(directory!, n));
    if (files.length === 0) throw new UsageError(`No *jpg, *jpeg or *png files in "${directory}"`);
  }
  const count = (name: string, fallback: number, min: number) => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`Option "${name}" must be an integer ≥ ${min}, got "${text}"`);
    return n;
  };
  let jsonParams: Record<string, string> = {};
  const jsonText = values.get("--json-params");
  if (jsonText !== undefined) {
    try {
      jsonParams = Object.fromEntries(Object.entries(JSON.parse(jsonText) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    } catch {
      throw new UsageError(`Option "--json-params" is not a JSON object: "${jsonText}"`);
    }
  }
  return {
    server,
    endpoint,
    connectionLabel,
    connection,
    networkLatency,
    files,
    repeat: count("--repeat", 1, 1),
    threads: count("--threads", 1, 1),
    port: count("--port", connection === "socket" ? 8011 : 8008, 1),
    base64: flags.has("--base64"),
    jsonParams,
    showResponses: flags.has("--show-responses"),
    serverStats: flags.has("--server-stats"),
    jsonFile: values.get("--json"),
    threadStaggerMs: count("--thread-stagger-ms", 500, 0),
    progress: flags.has("--progress") ? true : flags.has("--no-progress") ? false : undefined,
  };
}
