/**
 * The face gallery: the {@link GalleryStore} interface, its embedded crash-safe implementation
 * over an injected {@link GalleryFileSystem}, and nearest-subject search.
 * @module
 */
export * from "./file-gallery-store.ts";
export type { GalleryFileSystem } from "./file-system.ts";
export * from "./gallery-store.ts";
export * from "./nearest-subject.ts";
