"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

/**
 * Refetches the kiosk's menu whenever the store's menu stream says it changed (a manager's
 * edit, another tablet's sold-out switch). EventSource reconnects by itself; the "ready" sent
 * on each (re)connect refetches too, catching up on whatever changed while it was away.
 */
export function useMenuEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/api/events/menu");
    const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.menu.forKiosk.queryKey() });
    source.addEventListener("menu", refetch);
    source.addEventListener("ready", refetch);
    return () => source.close();
  }, [queryClient, trpc]);
}
