"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-renders the page's server components whenever the store's order stream reports a
 * change. EventSource reconnects by itself after a drop, and a refresh on reconnect
 * catches up on whatever happened meanwhile — so there is no polling loop.
 */
export function LiveRefresh({ streamUrl, onOrder }: { streamUrl: string; onOrder?: (event: { status: string; source?: string }) => void }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(streamUrl);
    const refresh = () => router.refresh();
    const onOrderEvent = (message: MessageEvent<string>) => {
      refresh();
      try {
        onOrder?.(JSON.parse(message.data) as { status: string });
      } catch {
        // a malformed event still triggered the refresh above
      }
    };
    source.addEventListener("ready", refresh);
    source.addEventListener("order", onOrderEvent);
    return () => source.close();
  }, [streamUrl, router, onOrder]);
  return null;
}
