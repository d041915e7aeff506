/**
 * The recognition {@link ServerPlugin}: once the pool runs, open the gallery in the configured data
 * directory, plug the gallery reply hook in for "face-recognition", and mount the training routes.
 * @module
 */
import type { ServerPlugin } from "../assemble-server.ts";
import type { GalleryFileSystem } from "../gallery/file-system.ts";
import { setUpRecognition } from "./recognition-routes.ts";

/**
 * Creates the plugin.
 *
 * @param fs File primitives of the runtime (`createNodeFileSystem()` in Deno, Node and Bun).
 * @returns A plugin for `runServer` / `assembleServer`.
 * @example
 * ```ts
 * await runServer(config, runtime, { replies, plugins: [createRecognitionPlugin(createNodeFileSystem())] });
 * ```
 */
export function createRecognitionPlugin(fs: GalleryFileSystem): ServerPlugin {
  return async (context) => {
    const { config } = context;
    const recognition = await setUpRecognition({
      executor: context.executor,
      fs,
      dataDirectory: config.dataDir,
      settings: { threshold: config.recognitionThreshold },
      guard: context.enrolmentGuard,
      limits: context.limits,
      log: context.log,
    });
    return {
      replies: { "face-recognition": recognition.reply },
      mounts: [recognition.mount],
      close: () => recognition.gallery.close(),
    };
  };
}
