"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc/provider";

/** Tells the server the checkout came back failed; it asks the PG what really happened. Shows nothing. */
export function NoteFailure({ orderId, code }: { orderId: string; code: string }) {
  const trpc = useTRPC();
  const note = useMutation(trpc.topUp.fail.mutationOptions());
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    note.mutate({ orderId, code });
    // Once per page load.
  }, []);
  return null;
}
