import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { pgPayments } from "@/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { logger } from "@/server/log";
import type { PaymentProvider } from "@/server/providers/payment-provider";
import { DomainError } from "../errors";
import { reconcilePgPayment } from "./reconcile";
import { pgPaymentByOrderId } from "./records";
import { currentTime } from "@/server/clock";

/**
 * The employee came back on the fail URL. What the URL says is only shown; what is recorded
 * comes from the PG: its payment for this order if it has one (reconciled like a webhook),
 * else the checkout never produced a payment and the row is closed as aborted.
 */
export async function noteCheckoutFailure(args: {
  db: Db;
  provider: PaymentProvider;
  log?: Logger;
  input: { userId: string; orderId: string; code: string };
}) {
  const { db, provider, input } = args;
  const log = args.log ?? logger;
  const row = await pgPaymentByOrderId(db, input.orderId);
  if (!row || row.userId !== input.userId) throw new DomainError("NOT_FOUND", "pgPaymentNotFound", "no such card payment");
  const answer = await provider.getPaymentByOrderId(row.pgOrderId);
  if (answer.ok) {
    const { row: updated } = await db.transaction((tx) => reconcilePgPayment({ tx, input: { id: row.id, payment: answer.payment, log } }));
    return { status: updated.status, charged: updated.transferId !== null };
  }
  if (answer.failure.code === "NOT_FOUND_PAYMENT") {
    const [updated] = await db
      .update(pgPayments)
      .set({ status: "aborted", failureCode: input.code.slice(0, 100), updatedAt: currentTime() })
      .where(and(eq(pgPayments.id, row.id), inArray(pgPayments.status, ["ready", "in_progress"])))
      .returning();
    return { status: updated?.status ?? row.status, charged: row.transferId !== null };
  }
  return { status: row.status, charged: row.transferId !== null };
}
