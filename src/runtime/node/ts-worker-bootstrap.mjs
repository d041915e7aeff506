// Node 20 does not apply the parent's `--import tsx` loader hooks to a worker's entry module, so
// a TypeScript worker run from the sources (tests, scripts; the built server starts its built
// worker directly) starts here: it registers tsx in its own thread, then imports the TypeScript
// entry named in workerData.entry (a file: URL).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
