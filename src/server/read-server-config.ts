/**
 * `readServerConfig`: a runtime entry's first step, before any engine worker starts (bad flags
 * end the process here, with status 2).
 * @module
 */
import { type ConfigEnvironment, parseServerConfig, type ServerConfig, serverConfigUsage } from "./config.ts";

/**
 * Parses the configuration, or prints the problem and the option list and exits with status 2
 * (`--help` / `-h`: the option list on stdout, status 0).
 *
 * @param environment argv, env reader and core count.
 * @param exit Ends the process.
 * @returns The configuration.
 */
export function readServerConfig(environment: ConfigEnvironment, exit: (code: number) => never): ServerConfig {
  if (environment.argv.includes("--help") || environment.argv.includes("-h")) {
    console.log(`EdgeVision server. Options (flag, environment variable; flags win):\n${serverConfigUsage()}`);
    return exit(0);
  }
  try {
    return parseServerConfig(environment);
  } catch (error) {
    console.error(`${(error as Error).message}\nOptions (flag, environment variable):\n${serverConfigUsage()}`);
    return exit(2);
  }
}
