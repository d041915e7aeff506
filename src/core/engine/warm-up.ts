/**
 * Warms freshly loaded tasks up before the engine gives them requests; the engine alone decides
 * when (at start, or on a deferred task's first use). V8 compiles the WASM kernels in tiers and the
 * JS pre- and post-processing only once it is hot; without this the first requests of a task were
 * 15–30 ms slower (pose, objects; measured on the team VM).
 * @module
 */
import { syntheticFrame } from "../image/synthetic-frame.ts";
import type { TaskRunner, TaskWarmUp } from "../tasks/task-definition.ts";

/**
 * Runs a task's own warm-up, then the task on a synthetic frame of every size its definition
 * declares; results are discarded.
 *
 * @param runner The loaded task.
 * @param warmUp Its definition's warm-up.
 */
export async function warmUpTask(runner: TaskRunner<unknown>, warmUp: TaskWarmUp): Promise<void> {
  await runner.warmUp?.();
  for (const [width, height] of warmUp.frames) await runner.run(syntheticFrame(width, height));
}
