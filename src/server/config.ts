/**
 * The server's settings, read from command-line flags first, then environment variables, then
 * defaults. Pure: the runtime entry point passes in its argv, env and core count.
 * @module
 */
import type { EngineConfig } from "../core/engine/config.ts";
import { TASK_NAMES, type TaskName } from "../core/engine/types.ts";
import { DEFAULT_FACE_DETECTION_CONFIG, type FaceDetectionModel } from "../core/tasks/face-detection/config.ts";
import { DEFAULT_OBJECT_DETECTOR_CONFIG } from "../core/tasks/objects/objects-config.ts";
import { DEFAULT_POSE_ESTIMATOR_CONFIG, type PoseModelName } from "../core/tasks/pose/pose-config.ts";
import type { TrainerAccess } from "./enrolment-guard/enrolment-guard.ts";
import { parseTcpPortSetting, type TcpPortSetting } from "./tcp/tcp-port-setting.ts";

/** Everything the server can be configured with. */
export interface ServerConfig {
  /** TCP port of the HTTP + WebSocket listener; 0 picks a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Engine workers (each its own WASM instance). */
  poolSize: number;
  /** Jobs that may wait for a worker before new ones are refused (503 / WS error). */
  queueLength: number;
  /** Bytes of image data that may wait for a worker before new jobs are refused. */
  maxQueuedBytes: number;
  /** Largest request body / WebSocket message in bytes (413 beyond it). */
  maxBodyBytes: number;
  /** Largest decoded image (width × height). */
  maxPixels: number;
  /** Milliseconds a client has to send a whole request (headers and body). */
  requestTimeoutMs: number;
  /** Milliseconds a silent keep-alive connection or WebSocket is kept open. */
  idleTimeoutMs: number;
  /** Milliseconds one image may take inside a worker before the worker is replaced. */
  jobTimeoutMs: number;
  /** Tasks to load; `undefined` means every task this build has. */
  tasks: TaskName[] | undefined;
  /** Milliseconds to wait for in-flight requests on SIGINT/SIGTERM before exiting anyway. */
  shutdownGraceMs: number;
  /** Directory of the face-recognition gallery (created when missing). */
  dataDir: string;
  /** Directory holding the `models/<task>/` folders; `undefined` = this checkout's models/. */
  modelDir: string | undefined;
  /** Where the gallery lives: "file" (the embedded store in `dataDir`) or a `redis://` / `rediss://` URL shared by several servers. */
  gallery: string;
  /** Second port that also serves the app (the reference's FaceTrainingServer port, 8009); `undefined` = none. */
  trainerPort: number | undefined;
  /** Token that enrolment, removal and the subjects API require; `undefined` = see `trainerAccess`. */
  trainerToken: string | undefined;
  /** Without a token: "private" = loopback and private-network clients only (default), "open" = anyone. */
  trainerAccess: TrainerAccess;
  /** Origins whose web pages may use the gallery API cross-site (they get CORS headers); default none. */
  trainerOrigins: string[];
  /** Embedding distance beyond which a face is "Unknown" (reply confidence 105). */
  recognitionThreshold: number;
  /** Persistent-TCP port (§6): a number, "off", "random", or undefined = 8011 (a free port when `port` is 0). */
  tcpPort: TcpPortSetting;
  /** Face detector: "short" (camera frames, the default) or "full" (group photos, small faces). */
  faceModel: FaceDetectionModel;
  /** Pose model: "multipose" (up to 6 people, the default) or "lightning" (one person, ~2x faster). */
  poseModel: PoseModelName;
  /** Lowest object score reported (0–1). */
  objectsMinScore: number;
  /** Print every image request's stage timings as a JSON line on stderr (debug; replies unchanged). */
  timingLog: boolean;
}

/** One setting: its flag, env var, default and parser. */
interface Setting<K extends keyof ServerConfig> {
  key: K;
  flag: string;
  env: string;
  parse: (text: string, name: string) => ServerConfig[K];
  help: string;
}

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

function integer(min: number) {
  return (text: string, name: string): number => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value) || value < min) {
      throw new RangeError(`${name} must be an integer ≥ ${min}, got "${text}"`);
    }
    return value;
  };
}

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

/** The environment variables the server reads (Deno's `--allow-env` list). */
export const SERVER_ENV_VARS: readonly string[] = [
  "PORT", "HOST", "EDGEVISION_POOL_SIZE", "EDGEVISION_QUEUE_LENGTH", "EDGEVISION_MAX_QUEUED_BYTES",
  "EDGEVISION_MAX_BODY_BYTES", "EDGEVISION_MAX_PIXELS", "EDGEVISION_REQUEST_TIMEOUT_MS",
  "EDGEVISION_IDLE_TIMEOUT_MS", "EDGEVISION_JOB_TIMEOUT_MS", "EDGEVISION_TASKS", "EDGEVISION_SHUTDOWN_GRACE_MS",
  "EDGEVISION_DATA_DIR", "EDGEVISION_GALLERY", "EDGEVISION_MODEL_DIR", "EDGEVISION_TRAINER_PORT", "EDGEVISION_TRAINER_TOKEN",
  "EDGEVISION_TRAINER_ACCESS", "EDGEVISION_TRAINER_ORIGINS", "EDGEVISION_RECOGNITION_THRESHOLD",
  "TCP_PORT", "EDGEVISION_FACE_MODEL", "EDGEVISION_POSE_MODEL", "EDGEVISION_OBJECTS_MIN_SCORE",
  "EDGEVISION_TIMING_LOG",
];

// deno-lint-ignore no-explicit-any
const SETTINGS: Setting<any>[] = [
  { key: "port", flag: "--port", env: "PORT", parse: integer(0), help: "TCP port (0 = any free port)" },
  { key: "host", flag: "--host", env: "HOST", parse: (t: string) => t, help: "interface to listen on" },
  { key: "poolSize", flag: "--pool-size", env: "EDGEVISION_POOL_SIZE", parse: integer(1), help: "engine workers" },
  { key: "queueLength", flag: "--queue-length", env: "EDGEVISION_QUEUE_LENGTH", parse: integer(0), help: "jobs waiting for a worker" },
  { key: "maxQueuedBytes", flag: "--max-queued-bytes", env: "EDGEVISION_MAX_QUEUED_BYTES", parse: integer(1), help: "image bytes waiting for a worker" },
  { key: "maxBodyBytes", flag: "--max-body-bytes", env: "EDGEVISION_MAX_BODY_BYTES", parse: integer(1), help: "largest request body / WS message" },
  { key: "maxPixels", flag: "--max-pixels", env: "EDGEVISION_MAX_PIXELS", parse: integer(1), help: "largest decoded image (pixels)" },
  { key: "requestTimeoutMs", flag: "--request-timeout-ms", env: "EDGEVISION_REQUEST_TIMEOUT_MS", parse: integer(1), help: "time to send a whole request" },
  { key: "idleTimeoutMs", flag: "--idle-timeout-ms", env: "EDGEVISION_IDLE_TIMEOUT_MS", parse: integer(1), help: "silent connection lifetime" },
  { key: "jobTimeoutMs", flag: "--job-timeout-ms", env: "EDGEVISION_JOB_TIMEOUT_MS", parse: integer(1), help: "longest image job before its worker is replaced" },
  { key: "tasks", flag: "--tasks", env: "EDGEVISION_TASKS", parse: taskList, help: "comma-separated tasks to load, or all" },
  { key: "shutdownGraceMs", flag: "--shutdown-grace-ms", env: "EDGEVISION_SHUTDOWN_GRACE_MS", parse: integer(0), help: "wait for in-flight work on shutdown" },
  { key: "dataDir", flag: "--data-dir", env: "EDGEVISION_DATA_DIR", parse: (t: string) => t, help: "face-recognition gallery directory" },
  { key: "modelDir", flag: "--model-dir", env: "EDGEVISION_MODEL_DIR", parse: (t: string) => t, help: "directory of the model folders (default: models/ of this checkout)" },
  { key: "gallery", flag: "--gallery", env: "EDGEVISION_GALLERY", parse: galleryLocation, help: "gallery: file (in --data-dir) or redis://host:6379/0 (shared by several servers)" },
  { key: "trainerPort", flag: "--trainer-port", env: "EDGEVISION_TRAINER_PORT", parse: integer(0), help: "also serve on this port (FaceTrainingServer, 8009)" },
  { key: "trainerToken", flag: "--trainer-token", env: "EDGEVISION_TRAINER_TOKEN", parse: (t: string) => t, help: "token required to enrol/remove faces" },
  { key: "trainerAccess", flag: "--trainer-access", env: "EDGEVISION_TRAINER_ACCESS", parse: oneOf<TrainerAccess>("private", "open"), help: "without a token: private (loopback/LAN only) or open" },
  { key: "trainerOrigins", flag: "--trainer-origins", env: "EDGEVISION_TRAINER_ORIGINS", parse: originList, help: "comma-separated web origins allowed to call the gallery API (CORS)" },
  { key: "recognitionThreshold", flag: "--recognition-threshold", env: "EDGEVISION_RECOGNITION_THRESHOLD", parse: positiveNumber, help: "face match distance threshold" },
  { key: "tcpPort", flag: "--tcp-port", env: "TCP_PORT", parse: parseTcpPortSetting, help: "persistent TCP port (default 8011; 0/off = disabled; random = any free port)" },
  { key: "faceModel", flag: "--face-model", env: "EDGEVISION_FACE_MODEL", parse: oneOf<FaceDetectionModel>("short", "full"), help: "face detector: short (camera frames) or full (group photos)" },
  { key: "poseModel", flag: "--pose-model", env: "EDGEVISION_POSE_MODEL", parse: oneOf<PoseModelName>("multipose", "lightning"), help: "pose: multipose (up to 6 people) or lightning (1 person, faster)" },
  { key: "objectsMinScore", flag: "--objects-min-score", env: "EDGEVISION_OBJECTS_MIN_SCORE", parse: fraction, help: `lowest object score reported (0-1, default ${DEFAULT_OBJECT_DETECTOR_CONFIG.minScore})` },
  { key: "timingLog", flag: "--timing-log", env: "EDGEVISION_TIMING_LOG", parse: (t: string, name: string) => oneOf("on", "off")(t, name) === "on", help: "on: log each request's stage timings to stderr (default off)" },
];

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

function oneOf<T extends string>(...choices: T[]) {
  return (text: string, name: string): T => {
    if (!(choices as string[]).includes(text)) throw new RangeError(`${name} must be ${choices.map((c) => `"${c}"`).join(" or ")}, got "${text}"`);
    return text as T;
  };
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

function fraction(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a number from 0 to 1, got "${text}"`);
  return value;
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got "${text}"`);
  return value;
}

/**
 * Default settings for a machine with `cores` cores.
 *
 * @param cores Logical cores available.
 * @returns The defaults: port 8008 on 0.0.0.0, one worker per core, 16 MiB bodies.
 */
export function defaultServerConfig(cores: number): ServerConfig {
  return {
    port: 8008,
    host: "0.0.0.0",
    poolSize: Math.max(1, Math.floor(cores)),
    queueLength: 128,
    maxQueuedBytes: 256 * MIB,
    maxBodyBytes: 16 * MIB,
    maxPixels: 40_000_000,
    requestTimeoutMs: 30_000,
    idleTimeoutMs: 120_000,
    jobTimeoutMs: 30_000,
    tasks: undefined,
    shutdownGraceMs: 10_000,
    dataDir: "./data",
    modelDir: undefined,
    gallery: "file",
    trainerPort: undefined,
    trainerToken: undefined,
    trainerAccess: "private",
    trainerOrigins: [],
    recognitionThreshold: 0.55, // DEFAULT_RECOGNITION_SETTINGS.threshold (measured, see the README)
    tcpPort: undefined,
    faceModel: DEFAULT_FACE_DETECTION_CONFIG.model,
    poseModel: DEFAULT_POSE_ESTIMATOR_CONFIG.model,
    objectsMinScore: DEFAULT_OBJECT_DETECTOR_CONFIG.minScore,
    timingLog: false,
  };
}

/**
 * The engine settings every worker gets from the server's configuration.
 *
 * @param config The server's configuration.
 * @returns The pixel limit plus the task sections the flags choose. Recognition keeps the
 * short-range detector its accuracy was measured with, whatever `faceModel` says.
 */
export function engineConfigOf(config: ServerConfig): EngineConfig {
  return {
    maxPixels: config.maxPixels,
    "face-detection": { model: config.faceModel },
    pose: { model: config.poseModel },
    objects: { minScore: config.objectsMinScore },
  };
}

/**
 * Reads the configuration: `--flag value` or `--flag=value` beats the env var, which beats the default.
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
  const config = defaultServerConfig(environment.cores);
  const fromFlags = new Map<string, string>();
  const argv = environment.argv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!SETTINGS.some((s) => s.flag === flag)) {
      throw new RangeError(`Unknown option "${arg}"; options: ${SETTINGS.map((s) => s.flag).join(", ")}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new RangeError(`Option "${flag}" needs a value`);
    fromFlags.set(flag, value);
  }
  const record = config as unknown as Record<string, unknown>;
  for (const setting of SETTINGS) {
    const flagValue = fromFlags.get(setting.flag);
    const envValue = environment.getEnv(setting.env);
    if (flagValue !== undefined) record[setting.key] = setting.parse(flagValue, setting.flag);
    else if (envValue !== undefined && envValue !== "") record[setting.key] = setting.parse(envValue, setting.env);
  }
  return config;
}

/**
 * One line per option, for `--help`-style error output.
 *
 * @returns The usage text.
 */
export function serverConfigUsage(): string {
  return SETTINGS.map((s) => `  ${s.flag.padEnd(24)} ${s.env.padEnd(33)} ${s.help}`).join("\n");
}
