/**
 * Tests that need a part of the system npm does not install (Chromium, iproute2, root, and later
 * redis-server, haproxy, qemu) name it here. Locally a missing part turns the test into a skip
 * whose reason says what is missing and how to install it; under CI (`CI=true`, set by .ci/run)
 * nothing is skipped: the test runs and fails if it cannot.
 *
 * ```ts
 * describe("demo page", { skip: skipUnlessPresent(CHROMIUM) }, () => { ... });
 * ```
 * @module
 */
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** A part of the system some tests need. */
export interface SystemComponent {
  /** What it is, e.g. `Chromium`. */
  name: string;
  /** Whether this machine has it. */
  isPresent(): boolean;
  /** How to get it, e.g. `apt-get install chromium`. */
  install: string;
}

const env = (name: string): string | undefined => (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];

/** Whether this is a CI run (`CI=true`): then every test must run. */
export const IN_CI = env("CI") === "true";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A component that is a command on the PATH (or at a fixed path).
 *
 * @param name What it is.
 * @param command The executable's name or absolute path.
 * @param install How to get it.
 * @returns The component.
 */
export function commandComponent(name: string, command: string, install: string): SystemComponent {
  return {
    name,
    install,
    isPresent: () =>
      command.startsWith("/")
        ? isExecutable(command)
        : (env("PATH") ?? "").split(delimiter).some((dir) => dir !== "" && isExecutable(join(dir, command))),
  };
}

/** Debian's Chromium (the browser tests drive it through playwright-core; never a downloaded browser). */
export const CHROMIUM = commandComponent("Chromium", "/usr/bin/chromium", "apt-get install chromium");
/** `ip` and `tc` (network namespaces and delays for the network-delay lab). */
export const IPROUTE2: SystemComponent = {
  name: "iproute2 (ip, tc)",
  install: "apt-get install iproute2",
  isPresent: () => commandComponent("ip", "ip", "").isPresent() && commandComponent("tc", "tc", "").isPresent(),
};
/** Root (creating network namespaces). */
export const ROOT: SystemComponent = {
  name: "root",
  install: "run the tests as root (e.g. `sudo npm test`; CI runs as root)",
  isPresent: () => (globalThis as { process?: { getuid?: () => number } }).process?.getuid?.() === 0,
};
/** Redis server. */
export const REDIS_SERVER = commandComponent("redis-server", "redis-server", "apt-get install redis-server");
/** HAProxy. */
export const HAPROXY = commandComponent("HAProxy", "haproxy", "apt-get install haproxy");
/** QEMU user-mode emulation of ARM64 binaries. */
export const QEMU_ARM64 = commandComponent("qemu-aarch64-static", "qemu-aarch64-static", "apt-get install qemu-user-static libc6-arm64-cross");

/**
 * The `skip` option for a test that needs `components`.
 *
 * @param components What the test needs.
 * @returns `false` (run) when all are present or under CI; otherwise the reason, naming each
 *   missing part and its install command.
 */
export function skipUnlessPresent(...components: SystemComponent[]): false | string {
  if (IN_CI) return false;
  const missing = components.filter((component) => !component.isPresent());
  if (missing.length === 0) return false;
  return `needs ${missing.map((c) => `${c.name} (${c.install})`).join(" and ")}; CI=true runs it anyway`;
}

/** Debian's darknet and opencv-doc packages, for their sample photos (the objects evaluation's labelled set). */
export const DARKNET_PHOTOS: SystemComponent = {
  name: "the darknet and opencv-doc sample photos (/usr/share/darknet/data, /usr/share/doc/opencv-doc/examples)",
  install: "apt-get install darknet opencv-doc",
  isPresent: () => existsSync("/usr/share/darknet/data/dog.jpg") && existsSync("/usr/share/doc/opencv-doc/examples/data/messi5.jpg"),
};
