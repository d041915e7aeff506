/**
 * The engine's own settings rows (shared by the server and the detect command).
 * @module
 */
import { integer } from "../settings/parsers.ts";
import { setting } from "../settings/setting.ts";
import { DEFAULT_MAX_PIXELS } from "./config.ts";

/** Settings of every engine, whoever runs it. */
export const ENGINE_SETTINGS = Object.freeze({
  maxPixels: setting({ flag: "--max-pixels", env: "EDGEVISION_MAX_PIXELS", default: DEFAULT_MAX_PIXELS, parse: integer(1), help: "largest decoded image (width × height, checked from the header)" }),
});
