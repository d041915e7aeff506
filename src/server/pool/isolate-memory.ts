/**
 * How large V8 lets each isolate's young generation grow. By default a semi-space grows to 16 MiB
 * (×2, plus the new large-object space), and once a busy request loop has grown it the pages stay
 * resident. The engine's JavaScript keeps little alive per request (pixels live in WASM memory and
 * transferred buffers), so a 2 MiB semi-space keeps most of the saving (Deno, face detection only:
 * 258 → 217 MB) for a few more scavenges per request (1 MiB saved 4 MB more but cost ~0.7 ms of
 * scavenging per face detection; docs/memory.md has the numbers). Deno takes it as a process-wide
 * V8 flag (main thread and workers); Node per worker as `resourceLimits`, and for its main thread
 * package.json's `serve:node` (and the tests' server helper) pass `--max-semi-space-size=2` (keep them equal). Bun runs
 * JavaScriptCore: nothing to set.
 * @module
 */

/** The semi-space size in MiB. */
export const SEMI_SPACE_MB = 2;

/** The V8 flag for the whole process (`deno run --v8-flags=…`). */
export const SMALL_YOUNG_GENERATION_V8_FLAG = `--max-semi-space-size=${SEMI_SPACE_MB}`;

/**
 * Node `worker_threads` resource limits with the same young generation (V8 sizes it as three
 * semi-spaces: two halves and the new large-object space).
 */
export const SMALL_YOUNG_GENERATION_WORKER_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;
