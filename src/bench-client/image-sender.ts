/** What every transport of the benchmark client offers: send one image, get its reply. */
export interface SendResult {
  /** HTTP status (200 for WebSocket and TCP replies). */
  status: number;
  /** The reply text (JSON for image endpoints). */
  body: string;
}

/** One client thread's connection (or, for `rest`, its way of opening one per request). */
export interface ImageSender {
  /** Sends one image and resolves when the whole reply has arrived. */
  send(image: Uint8Array): Promise<SendResult>;
  close(): void;
}

/** Where to connect and what to ask for. */
export interface SenderTarget {
  host: string;
  port: number;
  endpoint: string;
}
