/**
 * Debian's Chromium under playwright-core, with a fresh profile per launch (never a downloaded
 * browser). `.ci/run` installs it with apt.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser context with its own profile directory. */
export interface ChromiumSession {
  context: BrowserContext;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh user-data-dir (service workers and caches start empty).
 *
 * @param extraArgs More command-line switches (e.g. `--disable-software-rasterizer`: no WebGL at all).
 * @returns The persistent context and a close function.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), "edgevision-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...ARGS, ...extraArgs], viewport: { width: 1100, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
