/**
 * The one list of tasks. Everything that differs per task (engine loaders and config sections,
 * REST/WebSocket endpoints, TCP opcodes, reply formatters, "not supported" replies,
 * capabilities, the browser's formatters) is derived from these definitions. Adding a task: a
 * folder with a `definition.ts`, and one line here.
 * @module
 */
import type { SettingsValues } from "../settings/setting.ts";
import type { ConfigOf, ResultOf, SettingsOf } from "./task-definition.ts";
import { faceDetectionTask } from "./face-detection/definition.ts";
import { faceRecognitionTask } from "./face-recognition/definition.ts";
import { poseTask } from "./pose/definition.ts";
import { objectsTask } from "./objects/definition.ts";

/** Every task this build has, in TCP opcode order. */
export const TASKS = [
  faceDetectionTask,
  faceRecognitionTask,
  poseTask,
  objectsTask,
] as const;

/** Any registered task's definition. */
export type RegisteredTask = (typeof TASKS)[number];

/** The tasks EdgeVision can load. */
export type TaskName = RegisteredTask["name"];

/** The definition of the task called `N`. */
export type TaskDefinitionOf<N extends TaskName> = Extract<RegisteredTask, { readonly name: N }>;

/** Any task's result (what `Engine.run` returns). */
export type TaskResult = { [N in TaskName]: ResultOf<TaskDefinitionOf<N>> }[TaskName];

/** A task's result before the engine adds the timing. */
export type TaskOutput = TaskResult extends infer R ? R extends TaskResult ? Omit<R, "processingMs"> : never : never;

/** Each task's engine-config section. */
export type TaskConfigSections = { [N in TaskName]?: ConfigOf<TaskDefinitionOf<N>> };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every task's settings rows, in one table (keys are unique across tasks). */
export type TaskSettingsTable = UnionToIntersection<SettingsOf<RegisteredTask>>;

/** The settings rows the tasks contribute to the server's table (`--face-model`, `--pose-model`, …). */
export const TASK_SETTINGS: TaskSettingsTable = Object.freeze(Object.assign({}, ...TASKS.map((task) => task.settings)));

/**
 * The engine-config sections the tasks' settings choose (what a server passes to its workers).
 *
 * @param values The parsed values of {@link TASK_SETTINGS} (more keys are fine).
 * @returns One section per task that maps settings to its config.
 */
export function taskConfigSections(values: SettingsValues<TaskSettingsTable>): TaskConfigSections {
  const sections: Record<string, unknown> = {};
  for (const task of TASKS) {
    // deno-lint-ignore no-explicit-any
    const toSection = task.engineConfig as ((values: any) => unknown) | undefined;
    if (toSection !== undefined) sections[task.name] = toSection(values);
  }
  return sections as TaskConfigSections;
}

/** All task names, in TCP opcode order. */
export const TASK_NAMES: readonly TaskName[] = Object.freeze(TASKS.map((task) => task.name));

/**
 * The definition of a task.
 *
 * @param name A registered task name.
 * @returns Its definition.
 * @example
 * ```ts
 * taskDefinition("pose").endpoint; // "/openpose/detect/"
 * ```
 */
export function taskDefinition<N extends TaskName>(name: N): TaskDefinitionOf<N> {
  return TASKS.find((task) => task.name === name) as TaskDefinitionOf<N>;
}

/**
 * Whether a string names a registered task.
 *
 * @param name Any text (a flag value, a capabilities entry).
 * @returns True for a {@link TaskName}.
 */
export function isTaskName(name: string): name is TaskName {
  return TASKS.some((task) => task.name === name);
}
