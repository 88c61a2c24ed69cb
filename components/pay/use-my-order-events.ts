"use client";

import { useEffect, useRef } from "react";
import { parseMyOrderEvent, type MyOrderEvent } from "@/lib/my-order-events";

export type { MyOrderEvent };

export type MyOrderEventsOptions = {
  /**
   * Called each time the stream is (re)connected, the first time included: events sent while
   * the phone was away are not replayed, so this is where a page catches up.
   */
  onConnected?: () => void;
};

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Live events of the signed-in employee's own orders: `{ orderId, status, pickupNumber,
 * storeId }` when a kiosk takes their pay code (status "paid"), when the order moves along
 * (preparing, ready, picked_up) and when it is refunded (partially_refunded, refunded).
 *
 * EventSource retries a dropped connection by itself, but gives up for good on an answer that
 * is not a stream (a server restart's 502, a 401 while the session is renewed); then this
 * opens a new one with a growing pause. `onEvent` may change between renders freely.
 */
export function useMyOrderEvents(onEvent: (event: MyOrderEvent) => void, options: MyOrderEventsOptions = {}) {
  const handlers = useRef({ onEvent, onConnected: options.onConnected });
  useEffect(() => {
    handlers.current = { onEvent, onConnected: options.onConnected };
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    let stopped = false;
    // The browser resends Last-Event-ID on its own reconnects; a new EventSource after a
    // failed one starts without it, so the last id rides along in the URL (server/events/sse.ts).
    let lastEventId = "";

    const connect = () => {
      source = new EventSource(lastEventId ? `/api/events/me?lastEventId=${encodeURIComponent(lastEventId)}` : "/api/events/me");
      source.addEventListener("ready", () => {
        delay = RETRY_MIN_MS;
        handlers.current.onConnected?.();
      });
      source.addEventListener("order", (message: MessageEvent<string>) => {
        if (message.lastEventId) lastEventId = message.lastEventId;
        const event = parseMyOrderEvent(message.data);
        if (event) handlers.current.onEvent(event);
      });
      source.addEventListener("error", () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retryTimer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, []);
}
