/**
 * The `face-recognition` task (its definition: definition.ts): detect faces, align and embed the first
 * (highest-scoring) one, or the first `RunOptions.embedFaces`. Matching against the gallery happens in the server, which owns the gallery.
 * @module
 */
import type { TaskDeps, TaskRunner } from "../task-definition.ts";
import { createFaceDetector } from "../face-detection/face-detector.ts";
import { type FaceRecognitionConfig, resolveFaceRecognitionConfig } from "./config.ts";
import { createFaceEmbedder } from "./face-embedder.ts";
import type { EmbeddedFace, FaceEmbeddingResult } from "./result.ts";

/**
 * Loads the detector and the embedding network with its engine-config `"face-recognition"` section.
 *
 * @param deps Model reader and engine config.
 * @returns A task runner producing `{ task: "face-recognition", face?, faceCount }`.
 */
export async function loadFaceRecognitionTask(deps: TaskDeps<FaceRecognitionConfig>): Promise<TaskRunner<Omit<FaceEmbeddingResult, "processingMs">>> {
  const config = resolveFaceRecognitionConfig(deps.config);
  const detector = await createFaceDetector(deps, config.detection);
  try {
    const embedder = await createFaceEmbedder(deps, config.alignment);
    return {
      async run(image, _timings, options) {
        const faces = await detector.detect(image);
        const embedded: EmbeddedFace[] = [];
        for (const face of faces.slice(0, Math.max(1, options?.embedFaces ?? 1))) {
          embedded.push({ rect: face.rect, score: face.score, embedding: Array.from(await embedder.embed(image, face)) });
        }
        const [first, ...more] = embedded;
        if (first === undefined) return { task: "face-recognition", faceCount: 0 };
        return { task: "face-recognition", face: first, ...(more.length > 0 ? { moreFaces: more } : {}), faceCount: faces.length };
      },
      warmUp: () => detector.warmUp(),
      dispose() {
        detector.dispose();
        embedder.dispose();
      },
    };
  } catch (error) {
    detector.dispose();
    throw error;
  }
}
