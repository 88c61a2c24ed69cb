"use server";

import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "@/server/domain/errors";
import { serverApi } from "@/server/trpc/server";

const advanceInput = z.object({ orderId: z.uuid(), to: z.enum(["preparing", "ready", "picked_up"]) });

/** The queue's tap-to-advance; the procedure checks the kiosk's role and store. */
export async function advanceQueuedOrder(input: { orderId: string; to: string }): Promise<{ error: string | null }> {
  const parsed = advanceInput.safeParse(input);
  if (!parsed.success) return { error: "generic" };
  try {
    await (await serverApi()).orders.advance(parsed.data);
    return { error: null };
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof DomainError) return { error: error.cause.messageKey };
    if (error instanceof TRPCError) return { error: "generic" };
    throw error;
  }
}
