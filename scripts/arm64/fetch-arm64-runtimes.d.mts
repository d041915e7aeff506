/** The ARM64 packages, at the versions package.json pins for the x64 ones. */
export function arm64Packages(): { runtime: "deno" | "bun"; name: string; version: string; executable: string }[];
/** Makes sure .arm64/ holds the unpacked ARM64 Deno and Bun; returns their executables' paths. */
export function fetchArm64Runtimes(): { deno: string; bun: string };
