import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { DbOrTx } from "@/db/client";
import { pgPayments } from "@/db/schema";
import type { PgPayment } from "@/server/providers/payment-provider";
import { DomainError } from "../errors";
import { purposeHandlers, UNBOOKED_CANCEL } from "./purposes";
import { lockPgPayment, storedStatus, type PgPaymentRow } from "./records";
import { currentTime } from "@/server/clock";

export type ReconcileOutcome =
  /** The payment is confirmed at the PG and its money is now booked. */
  | "settled"
  /** Nothing to do: Canteen's books already say what the PG says. */
  | "unchanged"
  /** The PG canceled more than Canteen had booked; the difference was taken back. */
  | "cancel_booked"
  /** The PG canceled money the wallet no longer holds; left for a person to sort out. */
  | "cancel_unbooked"
  /** Failed or expired at the PG: nothing was charged. */
  | "failed"
  /** Still at the checkout. */
  | "pending"
  /** The PG's answer does not fit this payment (another order, another amount, or DONE turned ABORTED). */
  | "contradiction";

/**
 * Brings one pg_payments row (and the ledger) in line with the payment as the PG reports it.
 * Every path that learns something from the PG ends here — the employee's confirm, the
 * webhook, the failed checkout — under the row's lock, so whichever comes first books the
 * money and the others find it booked: a top-up is credited exactly once.
 */
export async function reconcilePgPayment(args: {
  tx: DbOrTx;
  input: { id: string; payment: PgPayment; log: Logger; actorId?: string | null };
}): Promise<{ outcome: ReconcileOutcome; row: PgPaymentRow }> {
  const { tx, input } = args;
  const { payment, log } = input;
  const row = await lockPgPayment(tx, input.id);
  if (!row) throw new DomainError("NOT_FOUND", "pgPaymentNotFound", "no such card payment");
  const save = async (changes: Partial<PgPaymentRow>) => {
    const [updated] = await tx
      .update(pgPayments)
      .set({ ...changes, updatedAt: currentTime() })
      .where(eq(pgPayments.id, row.id))
      .returning();
    return updated ?? row;
  };

  if (payment.orderId !== row.pgOrderId || payment.totalAmount !== row.amount || (row.paymentKey && row.paymentKey !== payment.paymentKey)) {
    log.error({ pgPaymentId: row.id, pgOrderId: row.pgOrderId, paymentKey: payment.paymentKey }, "PG: the PG's payment does not match the stored one");
    return { outcome: "contradiction", row };
  }
  const handler = purposeHandlers[row.purpose];

  switch (payment.status) {
    case "DONE":
    case "PARTIAL_CANCELED":
    case "CANCELED": {
      let outcome: ReconcileOutcome = "unchanged";
      let transferId = row.transferId;
      if (!transferId) {
        // The payment key may arrive with this answer (the first confirm): the order's card tender carries it.
        transferId = (await handler.settle(tx, { ...row, paymentKey: row.paymentKey ?? payment.paymentKey })).transferId;
        outcome = "settled";
      }
      // What the PG has given back beyond what the ledger already took back from the wallet.
      const canceledAtPg = payment.totalAmount - payment.balanceAmount;
      let canceledAmount = row.canceledAmount;
      if (canceledAtPg > canceledAmount) {
        try {
          await handler.reverse(tx, row, canceledAtPg - canceledAmount, input.actorId ?? null);
          canceledAmount = canceledAtPg;
          if (outcome === "unchanged") outcome = "cancel_booked";
        } catch (error) {
          if (!(error instanceof DomainError) || (error.messageKey !== "topUpCancelSpent" && error.messageKey !== UNBOOKED_CANCEL)) throw error;
          log.error({ pgPaymentId: row.id, canceledAtPg: canceledAtPg.toString() }, "PG: canceled at the PG but Canteen cannot book it by itself (wallet spent, or an order canceled outside a refund)");
          outcome = "cancel_unbooked";
        }
      }
      const status = canceledAmount === row.amount ? "canceled" : canceledAmount > 0n ? "partial_canceled" : "done";
      const updated = await save({
        status,
        transferId,
        canceledAmount,
        paymentKey: payment.paymentKey,
        method: payment.method,
        cardLabel: payment.cardLabel,
        approvedAt: payment.approvedAt ?? row.approvedAt ?? currentTime(),
        failureCode: null,
        failureMessage: null,
      });
      return { outcome, row: updated };
    }
    case "ABORTED":
    case "EXPIRED": {
      if (row.transferId) {
        // A PG never takes back an approval this way; keep the booked money and say so loudly.
        log.error({ pgPaymentId: row.id, status: payment.status }, "PG: a settled payment is reported as failed; left as it is");
        return { outcome: "contradiction", row };
      }
      if (row.status === storedStatus(payment.status)) return { outcome: "unchanged", row };
      const updated = await save({
        status: storedStatus(payment.status),
        paymentKey: payment.paymentKey,
        cardLabel: payment.cardLabel,
        failureCode: row.failureCode ?? payment.status,
      });
      return { outcome: "failed", row: updated };
    }
    case "READY":
    case "IN_PROGRESS": {
      if (row.status !== "ready" || row.transferId) return { outcome: "unchanged", row };
      const updated = await save({ status: "in_progress", paymentKey: payment.paymentKey, cardLabel: payment.cardLabel });
      return { outcome: "pending", row: updated };
    }
  }
}
