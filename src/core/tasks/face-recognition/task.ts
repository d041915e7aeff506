/**
 * The `face-recognition` task (its definition: definition.ts): detect faces, align and embed the first
 * (highest-scoring) one. Matching against the gallery happens in the server, which owns the gallery.
 * @module
 */
import type { TaskDeps, TaskRunner } from "../task-definition.ts";
import { createFaceDetector } from "../face-detection/face-detector.ts";
import { type FaceRecognitionConfig, resolveFaceRecognitionConfig } from "./config.ts";
import { createFaceEmbedder } from "./face-embedder.ts";
import type { FaceEmbeddingResult } from "./result.ts";

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
      async run(image) {
        const faces = await detector.detect(image);
        const first = faces[0];
        if (first === undefined) return { task: "face-recognition", faceCount: 0 };
        const embedding = await embedder.embed(image, first);
        return { task: "face-recognition", face: { rect: first.rect, score: first.score, embedding: Array.from(embedding) }, faceCount: faces.length };
      },
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
