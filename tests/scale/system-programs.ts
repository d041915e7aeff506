/**
 * Finding the Debian programs the multi-instance tests need (`redis-server`, `haproxy`): a test
 * without them is skipped with a reason that names the missing program, except under CI=true,
 * where .ci/run installs them and their absence is a failure.
 */
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import process from "node:process";

/** Absolute path of `program` on PATH (plus /usr/sbin, where Debian puts haproxy), or undefined. */
export function findProgram(program: string): string | undefined {
  const directories = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/bin"].filter((d) => d !== "");
  for (const directory of directories) {
    const path = `${directory}/${program}`;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/**
 * The `skip` option for node:test: `false` when every program is there (or CI=true: missing ones
 * then fail the test), otherwise the reason.
 */
export function skipUnlessInstalled(...programs: string[]): false | string {
  const missing = programs.filter((p) => findProgram(p) === undefined);
  if (missing.length === 0 || process.env.CI === "true") return false;
  return `needs ${missing.join(" and ")} (apt-get install ${missing.join(" ")}; .ci/run installs them)`;
}

/** A TCP port that was free a moment ago (for programs that cannot report the port they bound). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
