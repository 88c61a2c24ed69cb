import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, paymentTenders, pgPayments } from "@/db/schema";
import type { CardTerminal } from "@/server/providers/card-terminal";
import type { PaymentProvider } from "@/server/providers/payment-provider";
import { logger } from "@/server/log";
import { recordAudit } from "../audit";
import type { RefundResult } from "../payments/refund-order";
import { lockPgPayment } from "../pg/records";
import { currentTime } from "@/server/clock";

export type CardRefundOutcome = {
  approvalNumber: string | null;
  amount: bigint;
  /** canceled: the terminal gave it back; failed: cancel it on the terminal by hand (the day close lists it). */
  outcome: "canceled" | "failed";
};

const CANCELED_ACTION = "card.refund_canceled";
const FAILED_ACTION = "card.void_failed";

/**
 * Sends a refund's card share back where it was charged — the kiosk terminal, or the PG for
 * an order paid ahead by card — after the refund committed.
 * Safe to call again for the same refund (a retried request, or a retry after a crash
 * between commit and cancel): an outcome already recorded is returned as it is, and the
 * terminal takes one partial cancel per refund (`cancelReference`) however often it is sent.
 * A cancel the terminal refuses is written as `card.void_failed`, which the day close lists
 * until someone cancels it by hand — Canteen and the terminal never disagree silently.
 */
export async function cancelRefundOnTerminal(
  db: Db,
  providers: { terminal: CardTerminal; pg: () => PaymentProvider },
  input: { refund: RefundResult; storeId: string; actorId: string },
): Promise<CardRefundOutcome | null> {
  const { refund } = input;
  const amount = refund.tenders.filter((tender) => tender.kind === "card").reduce((sum, tender) => sum + tender.amount, 0n);
  if (amount === 0n) return null;

  const [tender] = await db
    .select({ approvalNumber: paymentTenders.reference, terminalId: paymentTenders.terminalId, terminalReference: paymentTenders.terminalReference })
    .from(paymentTenders)
    .where(and(eq(paymentTenders.orderId, refund.orderId), eq(paymentTenders.kind, "card")))
    .limit(1);
  const approvalNumber = tender?.approvalNumber ?? null;
  const cancelReference = `refund:${refund.refundId}`;

  const recorded = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, cancelReference), sql`${auditLog.action} in (${CANCELED_ACTION}, ${FAILED_ACTION})`))
    .limit(1);
  if (recorded[0]) return { approvalNumber, amount, outcome: recorded[0].action === CANCELED_ACTION ? "canceled" : "failed" };

  const online = tender?.terminalId ? null : await onlinePaymentOf(db, refund.orderId, approvalNumber);
  const answer = online
    ? await cancelAtPg(db, providers.pg(), { row: online, amount, cancelReference })
    : tender?.terminalId && tender.terminalReference
      ? await providers.terminal
          .cancel({ terminalId: tender.terminalId, approvalNumber, amount, reference: tender.terminalReference, cancelReference })
          .catch((error: unknown) => ({ outcome: "failed" as const, reason: error instanceof Error ? error.message : String(error) }))
      : // A card share recorded without its terminal or PG payment: only a person can cancel it.
        { outcome: "failed" as const, reason: "no terminal charge recorded for this card tender" };

  const outcome = answer.outcome === "canceled" ? "canceled" : "failed";
  await recordAudit(db, {
    actorId: input.actorId,
    storeId: input.storeId,
    action: outcome === "canceled" ? CANCELED_ACTION : FAILED_ACTION,
    entityType: "card_charge",
    entityId: cancelReference,
    after: {
      storeId: input.storeId,
      orderId: refund.orderId,
      terminalId: tender?.terminalId ?? "",
      approvalNumber,
      amount,
      cause: "refundCardCancel",
      ...(answer.outcome === "failed" ? { voidError: answer.reason } : {}),
    },
  }).catch((error: unknown) => {
    logger.error({ err: error, refundId: refund.refundId, outcome, amount: String(amount) }, "card refund: the terminal's answer could not be audited");
  });
  return { approvalNumber, amount, outcome };
}

/** The PG payment behind an order-ahead card tender (its approval number is the PG's paymentKey). */
async function onlinePaymentOf(db: Db, orderId: string, paymentKey: string | null) {
  if (!paymentKey) return null;
  const [row] = await db
    .select()
    .from(pgPayments)
    .where(and(eq(pgPayments.orderId, orderId), eq(pgPayments.purpose, "order"), eq(pgPayments.paymentKey, paymentKey)));
  return row ?? null;
}

/**
 * Cancels part of an order's PG payment and notes it on the payment row under its lock, so
 * the webhook that follows finds the cancel already booked (by the refund) and books nothing.
 */
async function cancelAtPg(db: Db, provider: PaymentProvider, args: { row: typeof pgPayments.$inferSelect; amount: bigint; cancelReference: string }) {
  const { row, amount } = args;
  if (!row.paymentKey) return { outcome: "failed" as const, reason: "the PG payment has no payment key" };
  const answer = await provider.cancel({
    paymentKey: row.paymentKey,
    cancelReason: "Canteen refund",
    cancelAmount: amount,
    idempotencyKey: args.cancelReference,
  });
  if (!answer.ok) return { outcome: "failed" as const, reason: `${answer.failure.code}: ${answer.failure.message}` };
  const canceledAtPg = answer.payment.totalAmount - answer.payment.balanceAmount;
  await db.transaction(async (tx) => {
    const locked = await lockPgPayment(tx, row.id);
    if (!locked || locked.canceledAmount >= canceledAtPg) return;
    await tx
      .update(pgPayments)
      .set({ canceledAmount: canceledAtPg, status: canceledAtPg === locked.amount ? "canceled" : "partial_canceled", updatedAt: currentTime() })
      .where(eq(pgPayments.id, row.id));
  });
  return { outcome: "canceled" as const };
}
