/**
 * The recognition {@link ServerPlugin}: once the pool runs, open the configured gallery (the data
 * directory's file store, or Redis), plug the gallery reply hook in for "face-recognition", and mount the training routes.
 * @module
 */
import type { ServerPlugin } from "../assemble-server.ts";
import type { GalleryFileSystem } from "../gallery/file-system.ts";
import { FACE_EMBEDDING_LENGTH } from "../../core/tasks/face-recognition/config.ts";
import { galleryToken } from "../config.ts";
import { openGallery } from "../gallery/open-gallery.ts";
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
    const gallery = await openGallery({
      location: config.gallery,
      fs,
      dataDirectory: config.dataDir,
      embeddingLength: FACE_EMBEDDING_LENGTH,
      log: context.log,
    });
    const recognition = await setUpRecognition({
      executor: context.executor,
      gallery,
      settings: { threshold: config.recognitionThreshold },
      guard: context.enrolmentGuard,
      limits: context.limits,
      log: context.log,
      deepstackApiKey: config.apiKey,
      adminKey: galleryToken(config),
    });
    return {
      replies: { "face-recognition": recognition.reply },
      mounts: [recognition.mount],
      close: () => recognition.gallery.close(),
      gallery: recognition.gallery,
    };
  };
}

