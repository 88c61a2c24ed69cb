export const SSE_HEARTBEAT_MS = 15_000;

/** Sends one named server-sent event; JSON data. */
export type SendEvent = (name: string, data: unknown) => void;

/**
 * A server-sent event response over a subscription: `subscribe` starts listening and returns
 * how to stop. A comment line every so often keeps proxies and phones from dropping a silent
 * connection; `ready` on every (re)connection lets the page catch up on what it missed.
 */
export function eventStreamResponse(
  request: Request,
  subscribe: (send: SendEvent) => Promise<() => void>,
  heartbeatMs: number = SSE_HEARTBEAT_MS,
): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribe((name, data) => write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), heartbeatMs);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      // The client may have gone while the subscription was being set up.
      if (request.signal.aborted) return close();
      request.signal.addEventListener("abort", close);
      // Tells the browser how soon to reconnect, and that the stream is live.
      write("retry: 2000\nevent: ready\ndata: {}\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
