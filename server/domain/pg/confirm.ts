import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { pgPayments } from "@/db/schema";
import { logger } from "@/server/log";
import { PG_NO_ANSWER, type PaymentProvider, type PgFailure, type PgPayment } from "@/server/providers/payment-provider";
import { DomainError } from "../errors";
import { translateDatabaseError } from "../idempotency";
import { purposeHandlers, walletBalance } from "./purposes";
import { reconcilePgPayment } from "./reconcile";
import { FAILED_STATUSES, pgPaymentByOrderId, SETTLED_STATUSES, type PgPaymentRow } from "./records";
import { currentTime } from "@/server/clock";

export type ConfirmedPgPayment = {
  id: string;
  amount: bigint;
  status: PgPaymentRow["status"];
  /** The wallet after the top-up. */
  balance: bigint;
  cardLabel: string | null;
};

/** The PG's idempotency key for a payment's confirm: every copy of the confirm sends the same one. */
export const confirmKeyOf = (row: Pick<PgPaymentRow, "id">) => `canteen-confirm-${row.id}`;

/**
 * The employee is back from the PG with `paymentKey`, `orderId`, `amount`:
 *   the payment is theirs, the amount is the stored one (else refuse, change nothing) →
 *   the purpose's checks (a top-up: the limits again) → confirm at the PG with the
 *   payment's own idempotency key → book it under the row lock (reconcilePgPayment).
 * A second confirm, or one racing the webhook, finds the money booked and books nothing.
 */
export async function confirmPgPayment(args: {
  db: Db;
  provider: PaymentProvider;
  log?: Logger;
  input: { userId: string; paymentKey: string; orderId: string; amount: bigint };
}): Promise<ConfirmedPgPayment> {
  const { db, provider, input } = args;
  const log = args.log ?? logger;
  const row = await pgPaymentByOrderId(db, input.orderId);
  if (!row || row.userId !== input.userId) throw new DomainError("NOT_FOUND", "pgPaymentNotFound", "no such card payment");
  if (row.amount !== input.amount) {
    log.warn({ pgPaymentId: row.id, stored: row.amount.toString(), returned: input.amount.toString() }, "PG: confirm refused, amount differs from checkout");
    throw new DomainError("BAD_REQUEST", "pgAmountMismatch", "the amount does not match the payment that was started; nothing was charged");
  }
  if (row.paymentKey && row.paymentKey !== input.paymentKey) {
    throw new DomainError("BAD_REQUEST", "pgPaymentKeyMismatch", "this payment key does not belong to this payment");
  }
  if (row.transferId && SETTLED_STATUSES.includes(row.status)) return summary(db, row);
  if (FAILED_STATUSES.includes(row.status) || row.status === "canceled") {
    throw new DomainError("PRECONDITION_FAILED", "pgPaymentClosed", "this payment already failed or expired; nothing was charged");
  }

  try {
    await purposeHandlers[row.purpose].beforeConfirm(db, row);
  } catch (error) {
    if (error instanceof DomainError && row.status !== "aborted") {
      // Never confirmed, so the card is never charged; the PG lets the payment expire.
      await db
        .update(pgPayments)
        .set({ status: "aborted", failureCode: error.messageKey, failureMessage: error.message, updatedAt: currentTime() })
        .where(and(eq(pgPayments.id, row.id), inArray(pgPayments.status, ["ready", "in_progress"])));
    }
    throw error;
  }

  let answer = await provider.confirm({ paymentKey: input.paymentKey, orderId: input.orderId, amount: input.amount, idempotencyKey: confirmKeyOf(row) });
  if (!answer.ok && (answer.failure.code === PG_NO_ANSWER || answer.failure.code === "ALREADY_PROCESSED_PAYMENT" || answer.failure.httpStatus >= 500)) {
    // The confirm may have gone through: the PG's own record says.
    const reread = await provider.getPayment(input.paymentKey);
    if (reread.ok && reread.payment.orderId === row.pgOrderId) answer = reread;
  }
  if (!answer.ok) {
    await noteFailure(db, row, answer.failure);
    throw confirmRefusal(answer.failure);
  }
  const payment: PgPayment = answer.payment;
  if (payment.status !== "DONE" && payment.status !== "PARTIAL_CANCELED" && payment.status !== "CANCELED") {
    await settle(db, row.id, payment, log);
    throw new DomainError("PRECONDITION_FAILED", "pgConfirmFailed", `the PG did not approve the payment (${payment.status}); nothing was charged`, {
      pgCode: payment.status,
      pgMessage: "",
    });
  }
  let settled: PgPaymentRow;
  try {
    settled = await settle(db, row.id, payment, log);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Charged at the PG but refused by Canteen's books (the order stopped waiting, the wallet
    // was spent in between): give the card its money back rather than keep it unbooked.
    await giveBackUnbooked(db, provider, row, error, log);
    throw new DomainError(error.code, error.messageKey, `${error.message}; the card payment was canceled`, { ...error.details, cardCanceled: 1 });
  }
  return summary(db, settled);
}

async function giveBackUnbooked(db: Db, provider: PaymentProvider, row: PgPaymentRow, cause: DomainError, log: Logger) {
  const current = await pgPaymentByOrderId(db, row.pgOrderId);
  if (!current?.paymentKey || current.transferId) return;
  const answer = await provider.cancel({
    paymentKey: current.paymentKey,
    cancelReason: "Canteen could not record the purchase",
    idempotencyKey: `canteen-unbooked-${row.id}`,
  });
  if (!answer.ok) {
    log.error({ pgPaymentId: row.id, failure: answer.failure, cause: cause.messageKey }, "PG: charged but not booked, and the cancel failed; cancel it at the PG by hand");
    return;
  }
  await db
    .update(pgPayments)
    .set({ status: "canceled", canceledAmount: current.amount, failureCode: cause.messageKey, failureMessage: cause.message.slice(0, 500), updatedAt: currentTime() })
    .where(and(eq(pgPayments.id, row.id), isNull(pgPayments.transferId)));
}

async function settle(db: Db, id: string, payment: PgPayment, log: Logger) {
  try {
    return await db.transaction(async (tx) => (await reconcilePgPayment({ tx, input: { id, payment, log } })).row);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

async function summary(db: Db, row: PgPaymentRow): Promise<ConfirmedPgPayment> {
  return { id: row.id, amount: row.amount, status: row.status, balance: await walletBalance(db, row.userId), cardLabel: row.cardLabel };
}

/** A definite refusal from the PG ends the payment; no answer leaves it for a retry or the webhook. */
async function noteFailure(db: Db, row: PgPaymentRow, failure: PgFailure) {
  if (failure.code === PG_NO_ANSWER || failure.httpStatus >= 500) return;
  await db
    .update(pgPayments)
    .set({ status: "aborted", failureCode: failure.code, failureMessage: failure.message.slice(0, 500), updatedAt: currentTime() })
    .where(and(eq(pgPayments.id, row.id), inArray(pgPayments.status, ["ready", "in_progress"])));
}

function confirmRefusal(failure: PgFailure) {
  if (failure.code === PG_NO_ANSWER || failure.httpStatus >= 500) {
    return new DomainError("CONFLICT", "pgNoAnswer", "the PG did not answer; try again in a moment");
  }
  return new DomainError("PRECONDITION_FAILED", "pgConfirmFailed", `the PG refused the payment: ${failure.message}`, {
    pgCode: failure.code,
    pgMessage: failure.message,
  });
}
