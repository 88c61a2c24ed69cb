"use server";

import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { DomainError } from "@/server/domain/errors";
import { serverApi } from "@/server/trpc/server";

export type DayActionState = { error: string | null };

const amount = z
  .string()
  .trim()
  .regex(/^\d{1,8}$/, "amountInvalid")
  .transform((value) => BigInt(value));

async function run(action: () => Promise<unknown>): Promise<DayActionState> {
  try {
    await action();
    revalidatePath("/kiosk/day");
    return { error: null };
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof DomainError) return { error: error.cause.messageKey };
    if (error instanceof TRPCError) return { error: "generic" };
    throw error;
  }
}

export async function openDayAction(_state: DayActionState, form: FormData): Promise<DayActionState> {
  const parsed = amount.safeParse(String(form.get("amount") ?? "").replace(/,/g, ""));
  if (!parsed.success) return { error: "amountInvalid" };
  return run(async () => (await serverApi()).day.open({ openingFloat: parsed.data }));
}

export async function closeDayAction(_state: DayActionState, form: FormData): Promise<DayActionState> {
  const parsed = amount.safeParse(String(form.get("amount") ?? "").replace(/,/g, ""));
  if (!parsed.success) return { error: "amountInvalid" };
  return run(async () => (await serverApi()).day.close({ countedCash: parsed.data }));
}
