/**
 * What every runtime's server serves besides the transports: the default reply formatters and the
 * recognition plugin (gallery on the local file system, `/trainer/` routes).
 * @module
 */
import type { ServerContent } from "./run-server.ts";
import { defaultReplyFormatters } from "./task-replies.ts";
import { createNodeFileSystem } from "./gallery/node-file-system.ts";
import { createRecognitionPlugin } from "./recognition/recognition-plugin.ts";

/**
 * The server's default content.
 *
 * @returns Reply formatters and plugins for `runServer`.
 * @example
 * ```ts
 * await runServer(config, runtime, defaultServerContent());
 * ```
 */
export function defaultServerContent(): ServerContent {
  return { replies: defaultReplyFormatters(), plugins: [createRecognitionPlugin(createNodeFileSystem())] };
}
