import type { OrderEvent } from "@/server/domain/orders/events";
import { onDrain } from "@/server/lifecycle";
import { trackSseClient } from "@/server/metrics";

export const HEARTBEAT_MS = 15_000;
/** How soon a browser reconnects after a drop, and after a draining replica asks it to. */
export const RETRY_MS = 2_000;
export const DRAIN_RETRY_MS = 250;

/**
 * Where a client resumes from: the `Last-Event-ID` header the browser sends on reconnect
 * (or `?lastEventId=` for a client that cannot set headers); null when it starts fresh.
 */
export function lastEventIdOf(request: Request): number | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value > 0 ? value : null;
}

export type OrderStreamOptions = {
  request: Request;
  /** Which stream this is, for the SSE-clients metric. */
  name: string;
  subscribe: (listener: (event: OrderEvent) => void) => Promise<() => void>;
  /** Events after `afterSeq` this stream would have carried, oldest first. */
  replay?: (afterSeq: number) => Promise<OrderEvent[]>;
  /** The part of an event this client may see, or null when it is not for this stream. */
  project: (event: OrderEvent) => object | null;
  heartbeatMs?: number;
};

/**
 * A server-sent event stream of order events: `id:` is the event's commit-order number, so a
 * client that reconnects (to this replica or any other) with `Last-Event-ID` first gets what
 * it missed from order_events, then the live events, each once and in order. When this
 * replica drains it sends `event: reconnect` with a short retry and closes; the browser
 * reconnects through the load balancer to a replica that stays.
 */
export function orderEventStream(options: OrderStreamOptions): Response {
  const { request } = options;
  const resumeFrom = lastEventIdOf(request);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      let lastSent = resumeFrom ?? 0;
      const sendEvent = (event: OrderEvent) => {
        if (event.seq !== undefined && event.seq <= lastSent) return;
        const data = options.project(event);
        if (!data) return;
        if (event.seq !== undefined) lastSent = event.seq;
        send(`${event.seq !== undefined ? `id: ${event.seq}\n` : ""}event: order\ndata: ${JSON.stringify(data)}\n\n`);
      };
      // Live events wait here while the missed ones are read, so none overtakes an older one.
      let held: OrderEvent[] | null = resumeFrom !== null && options.replay ? [] : null;
      const unsubscribe = await options.subscribe((event) => {
        if (held) held.push(event);
        else sendEvent(event);
      });
      const untrack = trackSseClient(options.name);
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
      let removeDrainHook = () => {};
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        untrack();
        removeDrainHook();
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
      // `ready` on every (re)connection lets a page refetch what it shows.
      send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
      if (held && resumeFrom !== null && options.replay) {
        try {
          for (const event of await options.replay(resumeFrom)) sendEvent(event);
        } finally {
          const live = held;
          held = null;
          for (const event of live) sendEvent(event);
        }
      }
      removeDrainHook = onDrain(() => {
        send(`retry: ${DRAIN_RETRY_MS}\nevent: reconnect\ndata: {}\n\n`);
        close();
      });
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
