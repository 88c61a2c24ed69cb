import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { pgPayments } from "@/db/schema";
import { logger } from "@/server/log";
import { PG_NO_ANSWER, type PaymentProvider } from "@/server/providers/payment-provider";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { withIdempotency } from "../idempotency";
import { lockForTopUpCancel, postTopUpCancel } from "../payments/top-up";
import { lockPgPayment, type PgPaymentRow } from "./records";
import { currentTime } from "@/server/clock";

export const CANCEL_TOP_UP_PROCEDURE = "topUp.cancel";
export const TOP_UP_CANCEL_REASON = "고객 요청 충전 취소";

export type CanceledTopUp = { id: string; canceled: bigint; canceledAmount: bigint; status: PgPaymentRow["status"]; balance: bigint };

/**
 * The employee gives back all or part of a card top-up they have not spent: the card is
 * refunded at the PG and the wallet gives the same amount back (`top_up_cancel`). Refused
 * while the wallet holds less than that. The PG is asked while the payment row and the wallet
 * are locked, so nothing can spend the money between the check and the cancel; a PG that
 * refuses or does not answer rolls everything back, and a retry with the same key sends the
 * PG the same idempotency key, so the card is refunded once.
 */
export async function cancelTopUp(args: {
  db: Db;
  provider: PaymentProvider;
  log?: Logger;
  input: { userId: string; id: string; amount: bigint | null; idempotencyKey: string; requestId?: string | null };
}): Promise<CanceledTopUp> {
  const { db, provider, input } = args;
  const log = args.log ?? logger;
  return withIdempotency(
    db,
    { scope: input.userId, procedure: CANCEL_TOP_UP_PROCEDURE, key: input.idempotencyKey, request: { id: input.id, amount: input.amount } },
    async (tx) => {
      const row = await lockPgPayment(tx, input.id);
      if (!row || row.userId !== input.userId || row.purpose !== "top_up") {
        throw new DomainError("NOT_FOUND", "pgPaymentNotFound", "no such card payment");
      }
      if (!row.transferId || !row.paymentKey || (row.status !== "done" && row.status !== "partial_canceled")) {
        throw new DomainError("PRECONDITION_FAILED", "topUpNotCancelable", "only a completed top-up can be canceled");
      }
      const left = row.amount - row.canceledAmount;
      const amount = input.amount ?? left;
      if (amount <= 0n || amount > left) {
        throw new DomainError("BAD_REQUEST", "topUpCancelTooMuch", `at most ${left} won of this top-up can be canceled`, { left: Number(left) });
      }
      // Locked before the PG is asked, so no payment can spend this money while the card is refunded.
      const locks = await lockForTopUpCancel(tx, row.userId);
      if (!locks || locks.balance < amount) {
        throw new DomainError("PRECONDITION_FAILED", "topUpCancelSpent", "the wallet no longer holds the amount to cancel", {
          available: Number(locks?.balance ?? 0n),
        });
      }

      const answer = await provider.cancel({
        paymentKey: row.paymentKey,
        cancelReason: TOP_UP_CANCEL_REASON,
        // The whole rest goes without an amount, as Toss's full cancel does.
        cancelAmount: amount === row.amount ? undefined : amount,
        idempotencyKey: `canteen-cancel-${row.id}-${createHash("sha256").update(input.idempotencyKey).digest("hex").slice(0, 32)}`,
      });
      if (!answer.ok) {
        if (answer.failure.code === PG_NO_ANSWER || answer.failure.httpStatus >= 500) {
          throw new DomainError("CONFLICT", "pgNoAnswer", "the PG did not answer; try again in a moment");
        }
        log.warn({ pgPaymentId: row.id, code: answer.failure.code }, "PG: cancel refused");
        throw new DomainError("PRECONDITION_FAILED", "pgCancelFailed", `the PG refused the cancel: ${answer.failure.message}`, {
          pgCode: answer.failure.code,
          pgMessage: answer.failure.message,
        });
      }
      const canceledAtPg = answer.payment.totalAmount - answer.payment.balanceAmount;
      const toBook = canceledAtPg - row.canceledAmount;
      const booked = toBook > 0n ? await postTopUpCancel(tx, locks, { amount: toBook, memo: `card top-up canceled ${row.pgOrderId}`, actorId: input.userId }) : null;
      const canceledAmount = row.canceledAmount + (toBook > 0n ? toBook : 0n);
      const status = canceledAmount === row.amount ? "canceled" : "partial_canceled";
      await tx.update(pgPayments).set({ canceledAmount, status, updatedAt: currentTime() }).where(eq(pgPayments.id, row.id));
      await recordAudit(tx, {
        actorId: input.userId,
        action: "pg.top_up_cancel",
        entityType: "pg_payment",
        entityId: row.id,
        before: { status: row.status, canceledAmount: row.canceledAmount },
        after: { status, canceledAmount },
        requestId: input.requestId ?? null,
      });
      return { id: row.id, canceled: toBook > 0n ? toBook : 0n, canceledAmount, status, balance: booked?.balance ?? locks.balance };
    },
  );
}
