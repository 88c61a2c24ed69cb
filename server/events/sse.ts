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

/** An event's commit-order number: order events have one (`seq`); live-only ones (menu changes) do not. */
function seqOf(event: object): number | undefined {
  const seq = (event as { seq?: unknown }).seq;
  return typeof seq === "number" ? seq : undefined;
}

export type EventStreamOptions<E extends object> = {
  request: Request;
  /** Which stream this is, for the SSE-clients metric. */
  name: string;
  /** The SSE event name the page listens for ("order", "menu"). */
  event: string;
  subscribe: (listener: (event: E) => void) => Promise<() => void>;
  /** Events after `afterSeq` this stream would have carried, oldest first. */
  replay?: (afterSeq: number) => Promise<E[]>;
  /** The part of an event this client may see, or null when it is not for this stream. */
  project: (event: E) => object | null;
  heartbeatMs?: number;
};

/**
 * The one server-sent event writer. For numbered events `id:` is the event's commit-order
 * number, so a client that reconnects (to this replica or any other) with `Last-Event-ID`
 * first gets what it missed from order_events, then the live events, each once and in order.
 * Un-numbered events go out live without an `id:`; their page refetches on `ready`, which
 * every (re)connection starts with. When this replica drains it sends `event: reconnect` with
 * a short retry and closes; the browser reconnects through the load balancer to a replica
 * that stays.
 */
export function eventStream<E extends object>(options: EventStreamOptions<E>): Response {
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
      const sendEvent = (event: E) => {
        const seq = seqOf(event);
        if (seq !== undefined && seq <= lastSent) return;
        const data = options.project(event);
        if (!data) return;
        if (seq !== undefined) lastSent = seq;
        send(`${seq !== undefined ? `id: ${seq}\n` : ""}event: ${options.event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      // Live events wait here while the missed ones are read, so none overtakes an older one.
      let held: E[] | null = resumeFrom !== null && options.replay ? [] : null;
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
