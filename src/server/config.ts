/**
 * The server's settings: one table (flag, environment variable, default, parser, help text per
 * row), the server's own rows plus the rows each task contributes (`TASK_SETTINGS`). A flag beats
 * its environment variable, which beats the default. Adding a setting is adding a row here (or to
 * a task's definition); `ServerConfig`, `--help`, and the `--allow-env` check follow from it.
 * Pure: the runtime entry point passes in its argv, env and core count.
 * @module
 */
import { DEFAULT_MAX_PIXELS, type EngineConfig } from "../core/engine/config.ts";
import { ENGINE_SETTINGS } from "../core/engine/engine-settings.ts";
import { TASK_NAMES, type TaskName } from "../core/engine/types.ts";
import { anyText, integer, oneOf, onOff, positiveNumber } from "../core/settings/parsers.ts";
import { parseSettings, settingsEnvVars, settingsUsage } from "../core/settings/parse-settings.ts";
import { setting, type SettingsValues } from "../core/settings/setting.ts";
import { TASK_SETTINGS, taskConfigSections } from "../core/tasks/registry.ts";
import { DEFAULT_RECOGNITION_SETTINGS } from "./recognition/recognition-settings.ts";
import type { TrainerAccess } from "./enrolment-guard/enrolment-guard.ts";
import { DEFAULT_TCP_PORT, parseTcpPortSetting } from "./tcp/tcp-port-setting.ts";

/** What the runtime knows about its machine. */
export interface ConfigEnvironment {
  /** Command-line arguments after the script name. */
  argv: readonly string[];
  /** Reads one environment variable (returns undefined when unset or not permitted). */
  getEnv: (name: string) => string | undefined;
  /** Logical CPU cores available to this process. */
  cores: number;
}

const MIB = 1024 * 1024;

function taskList(text: string, name: string): TaskName[] | undefined {
  if (text.trim() === "all") return undefined;
  const names = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const task of names) {
    if (!(TASK_NAMES as readonly string[]).includes(task)) {
      throw new RangeError(`${name} lists unknown task "${task}"; known: ${TASK_NAMES.join(", ")}, or "all"`);
    }
  }
  return [...new Set(names)] as TaskName[];
}

function originList(text: string, name: string): string[] {
  const origins = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed.origin !== origin) throw new RangeError(`${name} lists "${origin}", which is not an origin like "https://host:port"`);
  }
  return origins;
}

function galleryLocation(text: string, name: string): string {
  if (text === "file") return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || !["redis:", "rediss:"].includes(url.protocol) || url.hostname === "") {
    throw new RangeError(`${name} must be "file" or a redis://host:port/db URL, got "${text.replace(/\/\/[^@/]*@/, "//…@")}"`);
  }
  return text;
}

/** The server's own settings (the engine's and the tasks' rows are added in {@link SERVER_SETTINGS}). */
const SERVER_OWN_SETTINGS = {
  port: setting({ flag: "--port", env: "PORT", default: 8008, parse: integer(0), help: "HTTP + WebSocket port (0 = any free port)" }),
  host: setting({ flag: "--host", env: "HOST", default: "0.0.0.0", parse: anyText, help: "interface to listen on" }),
  poolSize: setting({ flag: "--pool-size", env: "EDGEVISION_POOL_SIZE", default: ({ cores }) => Math.max(1, Math.floor(cores)), defaultText: "cores / threads", parse: integer(1), help: "engine workers, each with its own WASM instance" }),
  threads: setting({ flag: "--threads", env: "EDGEVISION_THREADS", default: 1, parse: integer(1), help: "WASM threads per engine worker (TF.js's threaded SIMD build when > 1)" }),
  queueLength: setting({ flag: "--queue-length", env: "EDGEVISION_QUEUE_LENGTH", default: 128, parse: integer(0), help: "jobs waiting for a worker; beyond it: busy replies" }),
  maxQueuedBytes: setting({ flag: "--max-queued-bytes", env: "EDGEVISION_MAX_QUEUED_BYTES", default: 32 * MIB, defaultText: "32 MiB", parse: integer(1), help: "image bytes waiting for a worker" }),
  maxBodyBytes: setting({ flag: "--max-body-bytes", env: "EDGEVISION_MAX_BODY_BYTES", default: 16 * MIB, defaultText: "16 MiB", parse: integer(1), help: "largest request body / WebSocket message / TCP payload" }),
  maxInFlightPixels: setting({ flag: "--max-inflight-pixels", env: "EDGEVISION_MAX_INFLIGHT_PIXELS", default: DEFAULT_MAX_PIXELS, parse: integer(1), help: "decoded pixels (header width × height) in the workers at once; more wait in the queue (default: one image at the pixel limit)" }),
  heavyWorkers: setting({ flag: "--heavy-workers", env: "EDGEVISION_HEAVY_WORKERS", default: 1, parse: integer(1), help: "workers that also run recognition, pose and objects; the others run face detection only" }),
  loadModels: setting({ flag: "--load-models", env: "EDGEVISION_LOAD_MODELS", default: "first-use" as "first-use" | "start", parse: oneOf<"first-use" | "start">("first-use", "start"), help: "first-use: face detection loads at start, other models on their first request; start: all at start" }),
  unloadIdleS: setting({ flag: "--unload-idle", env: "EDGEVISION_UNLOAD_IDLE", default: 300, parse: integer(0), help: "seconds without a recognition, pose or objects request after which the worker holding those first-use models restarts to free their memory (0 = never)" }),
  requestTimeoutMs: setting({ flag: "--request-timeout-ms", env: "EDGEVISION_REQUEST_TIMEOUT_MS", default: 30_000, parse: integer(1), help: "time to send a whole request (headers and body, or a TCP frame)" }),
  idleTimeoutMs: setting({ flag: "--idle-timeout-ms", env: "EDGEVISION_IDLE_TIMEOUT_MS", default: 120_000, parse: integer(1), help: "silent keep-alive connections, WebSockets and TCP connections are closed after this" }),
  jobTimeoutMs: setting({ flag: "--job-timeout-ms", env: "EDGEVISION_JOB_TIMEOUT_MS", default: 30_000, parse: integer(1), help: "longest image job before its worker is replaced" }),
  tasks: setting<TaskName[] | undefined>({ flag: "--tasks", env: "EDGEVISION_TASKS", default: undefined, defaultText: "all", parse: taskList, help: "comma-separated tasks to load, or all" }),
  shutdownGraceMs: setting({ flag: "--shutdown-grace-ms", env: "EDGEVISION_SHUTDOWN_GRACE_MS", default: 10_000, parse: integer(0), help: "SIGINT/SIGTERM waits this long for in-flight work" }),
  dataDir: setting({ flag: "--data-dir", env: "EDGEVISION_DATA_DIR", default: "./data", parse: anyText, help: "face-recognition gallery directory (created when missing)" }),
  gallery: setting({ flag: "--gallery", env: "EDGEVISION_GALLERY", default: "file", parse: galleryLocation, help: "gallery: file (in --data-dir) or redis://host:6379/0 (shared by several servers)" }),
  modelDir: setting<string | undefined>({ flag: "--model-dir", env: "EDGEVISION_MODEL_DIR", default: undefined, defaultText: "models/ of this checkout", parse: anyText, help: "directory of the model folders" }),
  trainerPort: setting<number | undefined>({ flag: "--trainer-port", env: "EDGEVISION_TRAINER_PORT", default: undefined, parse: integer(0), help: "also serve on this port (FaceTrainingServer, 8009)" }),
  trainerToken: setting<string | undefined>({ flag: "--trainer-token", env: "EDGEVISION_TRAINER_TOKEN", default: undefined, parse: anyText, help: "token enrolment, removal and the subjects API require (unset: see --trainer-access)" }),
  trainerAccess: setting<TrainerAccess>({ flag: "--trainer-access", env: "EDGEVISION_TRAINER_ACCESS", default: "private", parse: oneOf<TrainerAccess>("private", "open"), help: "without a token: private (loopback/LAN only) or open" }),
  adminKey: setting<string | undefined>({ flag: "--admin-key", env: "EDGEVISION_ADMIN_KEY", default: undefined, parse: anyText, help: "DeepStack's admin_key: the same secret as --trainer-token (set one, or both equal)" }),
  apiKey: setting<string | undefined>({ flag: "--api-key", env: "EDGEVISION_API_KEY", default: undefined, parse: anyText, help: "DeepStack's api_key: every /v1/vision/ request must send it as a form field" }),
  trainerOrigins: setting<string[]>({ flag: "--trainer-origins", env: "EDGEVISION_TRAINER_ORIGINS", default: () => [], defaultText: "none", parse: originList, help: "comma-separated web origins allowed to call the gallery API (CORS)" }),
  recognitionThreshold: setting({ flag: "--recognition-threshold", env: "EDGEVISION_RECOGNITION_THRESHOLD", default: DEFAULT_RECOGNITION_SETTINGS.threshold, parse: positiveNumber, help: "embedding distance beyond which a face is \"Unknown\"" }),
  timingLog: setting({ flag: "--timing-log", env: "EDGEVISION_TIMING_LOG", default: false, defaultText: "off", parse: onOff, help: "on: log each request's stage timings to stderr" }),
  tcpPort: setting({ flag: "--tcp-port", env: "TCP_PORT", default: undefined, defaultText: `${DEFAULT_TCP_PORT}`, parse: parseTcpPortSetting, help: "persistent TCP port (0/off = disabled; random = any free port)" }),
};

/** Every server setting: the server's own rows, the engine's, then each task's. */
export const SERVER_SETTINGS = Object.freeze({
  ...SERVER_OWN_SETTINGS,
  ...ENGINE_SETTINGS,
  ...TASK_SETTINGS,
});

/** Everything the server can be configured with (one key per {@link SERVER_SETTINGS} row). */
export type ServerConfig = SettingsValues<typeof SERVER_SETTINGS>;

/** The environment variables the server reads (Deno's `--allow-env` list). */
export const SERVER_ENV_VARS: readonly string[] = Object.freeze(settingsEnvVars(SERVER_SETTINGS));

/**
 * Default settings for a machine with `cores` cores.
 *
 * @param cores Logical cores available.
 * @returns The defaults: port 8008 on 0.0.0.0, one worker per core, 16 MiB bodies.
 */
export function defaultServerConfig(cores: number): ServerConfig {
  return parseSettings(SERVER_SETTINGS, { argv: [], cores }).values;
}

/**
 * The engine settings every worker gets from the server's configuration.
 *
 * @param config The server's configuration.
 * @returns The pixel limit plus the task sections the tasks' settings choose. Recognition keeps
 * the short-range detector its accuracy was measured with, whatever `faceModel` says.
 */
export function engineConfigOf(config: ServerConfig): EngineConfig {
  return { maxPixels: config.maxPixels, ...taskConfigSections(config) };
}

/**
 * Reads the configuration: `--flag value` or `--flag=value` beats the env var, which beats the default.
 * Without a pool size, the pool is `cores / threads` workers (at least one).
 *
 * @param environment argv, env reader and core count of the running process.
 * @returns The complete configuration.
 * @throws {RangeError} On an unknown flag, a flag without value, or an invalid value.
 * @example
 * ```ts
 * const config = parseServerConfig({ argv: ["--port", "0"], getEnv: () => undefined, cores: 2 });
 * // config.port === 0, config.poolSize === 2
 * ```
 */
export function parseServerConfig(environment: ConfigEnvironment): ServerConfig {
  const config = parseSettings(SERVER_SETTINGS, environment).values;
  // Threads share the cores with the workers: without a pool size, pool × threads ≤ cores.
  if (!isGiven(SERVER_SETTINGS.poolSize, environment)) config.poolSize = Math.max(1, Math.floor(environment.cores / config.threads));
  return config;
}

/** Whether `row` is set by a flag or a non-empty environment variable. */
function isGiven(row: { flag: string; env?: string }, environment: ConfigEnvironment): boolean {
  const env = row.env === undefined ? undefined : environment.getEnv(row.env);
  return (env !== undefined && env !== "") || environment.argv.some((arg) => arg === row.flag || arg.startsWith(`${row.flag}=`));
}

/**
 * One line per option, for `--help` and error output.
 *
 * @returns The usage text.
 */
export function serverConfigUsage(): string {
  return settingsUsage(SERVER_SETTINGS);
}

/**
 * The one secret that protects the gallery: `--trainer-token` (MobiledgeX trainer API) and
 * `--admin-key` (DeepStack) are two names for it.
 *
 * @param config The server's configuration.
 * @returns The secret, or `undefined` when neither is set.
 * @throws {RangeError} When both are set to different values.
 */
export function galleryToken(config: Pick<ServerConfig, "trainerToken" | "adminKey">): string | undefined {
  const token = config.trainerToken || undefined;
  const adminKey = config.adminKey || undefined;
  if (token !== undefined && adminKey !== undefined && token !== adminKey) {
    throw new RangeError("--trainer-token and --admin-key name the same secret; set one of them, or both to the same value");
  }
  return token ?? adminKey;
}
