/**
 * Registers the service worker that keeps the offline copy (page, bundle, WASM, face models).
 * @module
 */

/** The offline copy's state. */
export interface OfflineCopy {
  /** The stored version, or why there is none. */
  ready: boolean;
  text: string;
}

/**
 * Registers `/sw.js` and waits until it is active.
 *
 * @returns Whether an offline copy is stored and a text for the status chip.
 */
export async function registerOfflineCopy(): Promise<OfflineCopy> {
  if (!("serviceWorker" in navigator)) return { ready: false, text: "Offline copy: not supported here" };
  try {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker === null) return { ready: false, text: "Offline copy: not active" };
    const info = await new Promise<{ version: string; urls: number } | undefined>((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(undefined), 2000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data as { version: string; urls: number });
      };
      worker.postMessage("edgevision-version", [channel.port2]);
    });
    return info === undefined
      ? { ready: true, text: "Offline copy: stored" }
      : { ready: true, text: `Offline copy: ${info.urls} files (v${info.version.slice(0, 8)})` };
  } catch (error) {
    return { ready: false, text: `Offline copy: ${error instanceof Error ? error.message : String(error)}` };
  }
}
