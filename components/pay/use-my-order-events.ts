"use client";

import { useEffect, useRef } from "react";
import { parseMyOrderEvent, type MyOrderEvent } from "@/lib/my-order-events";
import { openResilientEventSource } from "@/lib/resilient-event-source";

export type { MyOrderEvent };

export type MyOrderEventsOptions = {
  /**
   * Called each time the stream is (re)connected, the first time included: events sent while
   * the phone was away are not replayed, so this is where a page catches up.
   */
  onConnected?: () => void;
};

/**
 * Live events of the signed-in employee's own orders: `{ orderId, status, pickupNumber,
 * storeId }` when a kiosk takes their pay code (status "paid"), when the order moves along
 * (preparing, ready, picked_up) and when it is refunded (partially_refunded, refunded).
 * The stream reopens itself after any failure (lib/resilient-event-source.ts). `onEvent` may
 * change between renders freely.
 */
export function useMyOrderEvents(onEvent: (event: MyOrderEvent) => void, options: MyOrderEventsOptions = {}) {
  const handlers = useRef({ onEvent, onConnected: options.onConnected });
  useEffect(() => {
    handlers.current = { onEvent, onConnected: options.onConnected };
  });

  useEffect(() => {
    // The browser resends Last-Event-ID on its own reconnects; a new EventSource after a
    // failed one starts without it, so the last id rides along in the URL (server/events/sse.ts).
    let lastEventId = "";
    return openResilientEventSource(
      () => (lastEventId ? `/api/events/me?lastEventId=${encodeURIComponent(lastEventId)}` : "/api/events/me"),
      {
        ready: () => handlers.current.onConnected?.(),
        order: (message) => {
          if (message.lastEventId) lastEventId = message.lastEventId;
          const event = parseMyOrderEvent(message.data);
          if (event) handlers.current.onEvent(event);
        },
      },
    );
  }, []);
}
