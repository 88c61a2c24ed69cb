"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Refetches the kiosk's menu whenever the store's menu stream says it changed (a manager's
 * edit, another tablet's sold-out switch, or a `resync` after the server's LISTEN was lost).
 * Menu events are live only, never replayed: the "ready" sent on every (re)connection — after
 * a drop, or after a draining replica's `reconnect` — refetches too, catching up on whatever
 * changed while the stream was away. EventSource reconnects by itself after a drop, but gives
 * up for good on an answer that is not a stream (a restart's 502); then a new one is opened
 * with a growing pause.
 */
export function useMenuEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    let stopped = false;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.menu.forKiosk.queryKey() });

    const connect = () => {
      source = new EventSource("/api/events/menu");
      source.addEventListener("ready", () => {
        delay = RETRY_MIN_MS;
        refetch();
      });
      source.addEventListener("menu", refetch);
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
  }, [queryClient, trpc]);
}
