#!/usr/bin/env node
// The `edgevision-bench-client` command (package.json "bin"): the benchmark client (main.ts) under
// Node, its TypeScript loaded through tsx. Deno and Bun run main.ts directly.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
