/**
 * Runs freshly loaded tasks on synthetic frames before the engine takes requests. V8 compiles
 * the WASM kernels in tiers and the JS pre- and post-processing only once it is hot; without this
 * the first requests of a task were 15–30 ms slower (pose, objects; measured on the team VM).
 * @module
 */
import type { DecodedImage } from "../image/mod.ts";
import { syntheticFrame } from "../image/synthetic-frame.ts";
import type { TaskRunner } from "../tasks/task-definition.ts";

/**
 * Frames the warm-up uses: the clients' camera sizes (landscape and portrait, as their models'
 * two input shapes) and a larger photo, with odd sizes so scale factors and padding are fractional.
 */
export const WARM_UP_FRAMES: readonly DecodedImage[] = [
  syntheticFrame(241, 180),
  syntheticFrame(180, 241),
  syntheticFrame(479, 641),
];

/**
 * Runs every task on every warm-up frame `rounds` times; results are discarded.
 *
 * @param runners The loaded tasks.
 * @param rounds Passes over the frames (default 1).
 */
export async function warmUpTasks(runners: Iterable<TaskRunner<unknown>>, rounds = 1): Promise<void> {
  for (const runner of runners) {
    for (let round = 0; round < rounds; round++) {
      for (const frame of WARM_UP_FRAMES) await runner.run(frame);
    }
  }
}
