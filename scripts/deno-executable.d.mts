/** The `@deno/*` platform package for a platform, or undefined when Deno publishes none. */
export function denoPlatformPackage(platform?: string, arch?: string): string | undefined;
/** Absolute path of the installed Deno executable, or "deno" (found on PATH) when none is installed. */
export function denoExecutable(): string;
