/** Persistent-TCP transport (§6): one connection per thread, one request at a time. */
import type { Socket } from "node:net";
import { encodeTcpRequest, TcpReplyDecoder } from "../core/protocol/tcp-codec.ts";
import { TASKS } from "../core/tasks/registry.ts";
import { connectTcp } from "./http1-connection.ts";
import type { ImageSender, SenderTarget, SendResult } from "./image-sender.ts";

/** Endpoint → opcode (§6.1), from the task definitions. */
export const ENDPOINT_OPCODES: Readonly<Record<string, number>> = Object.fromEntries(
  TASKS.map((task) => [task.endpoint, task.tcpOpcode]),
);

/** Connects and returns a sender that frames each image with the endpoint's opcode. */
export async function openTcpSender(target: SenderTarget): Promise<ImageSender> {
  const opcode = ENDPOINT_OPCODES[target.endpoint];
  if (opcode === undefined) throw new Error(`Endpoint "${target.endpoint}" has no TCP opcode`);
  const socket: Socket = await connectTcp(target.host, target.port);
  const decoder = new TcpReplyDecoder();
  const replies: string[] = [];
  let waiter: { resolve: (r: SendResult) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const settle = () => {
    if (waiter === undefined) return;
    const reply = replies.shift();
    if (reply !== undefined) {
      const w = waiter;
      waiter = undefined;
      w.resolve({ status: 200, body: reply });
    } else if (failure !== undefined) {
      const w = waiter;
      waiter = undefined;
      w.reject(failure);
    }
  };
  socket.on("data", (chunk: Uint8Array) => {
    replies.push(...decoder.push(new Uint8Array(chunk)));
    settle();
  });
  socket.on("error", (error: Error) => {
    failure = error;
    settle();
  });
  socket.on("close", () => {
    failure ??= new Error("The server closed the TCP connection");
    settle();
  });
  return {
    send(image: Uint8Array): Promise<SendResult> {
      if (failure !== undefined) return Promise.reject(failure);
      const promise = new Promise<SendResult>((resolve, reject) => (waiter = { resolve, reject }));
      socket.write(encodeTcpRequest(opcode, image));
      return promise;
    },
    close() {
      socket.end();
      socket.destroy();
    },
  };
}
