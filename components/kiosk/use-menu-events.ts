"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { openResilientEventSource } from "@/lib/resilient-event-source";

/**
 * Refetches the kiosk's menu and opening hours whenever the store's menu stream says they
 * changed (a manager's edit, another tablet's sold-out switch, or a `resync` after the
 * server's LISTEN was lost).
 * Menu events are live only, never replayed: the "ready" sent on every (re)connection — after
 * a drop, or after a draining replica's `reconnect` — refetches too, catching up on whatever
 * changed while the stream was away.
 */
export function useMenuEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const refetch = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.menu.forKiosk.queryKey() });
      // The header's opening-hours state: a manager's new hours reach the kiosk the same way.
      void queryClient.invalidateQueries({ queryKey: trpc.menu.hours.queryKey() });
    };
    return openResilientEventSource(() => "/api/events/menu", { ready: refetch, menu: refetch });
  }, [queryClient, trpc]);
}
