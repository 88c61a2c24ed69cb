import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { sandboxPgPayments } from "@/db/schema";
import type { PgStatus } from "@/server/providers/payment-provider";
import type { PaymentJson } from "@/server/providers/pg-http";

/** Toss wants the confirm within 10 minutes of the card being authenticated; after that the session is gone. */
export const CONFIRM_WINDOW_MS = 10 * 60_000;

type Row = typeof sandboxPgPayments.$inferSelect;
type StoredStatus = Row["status"];

export const toWire = (status: StoredStatus) => status.toUpperCase() as PgStatus;
const toStored = (status: PgStatus) => status.toLowerCase() as StoredStatus;

/** A Toss error, with the HTTP status Toss answers it with. */
export class PgError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = () => new PgError(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");

/** The payment as Toss Payments' API returns it. */
export function paymentToJson(row: Row): PaymentJson & Record<string, unknown> {
  return {
    mId: "canteen_sandbox",
    version: "2022-11-16",
    paymentKey: row.paymentKey,
    orderId: row.orderId,
    orderName: row.orderName,
    status: toWire(row.status),
    currency: "KRW",
    totalAmount: Number(row.amount),
    balanceAmount: Number(row.balanceAmount),
    method: row.method,
    requestedAt: row.createdAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    card: row.cardLabel ? { number: row.cardLabel, issuerCode: "SB" } : null,
    cancels: row.cancels.length
      ? row.cancels.map((cancel) => ({ ...cancel, cancelAmount: Number(cancel.cancelAmount) }))
      : null,
    lastTransactionKey: row.cancels.at(-1)?.transactionKey ?? null,
  };
}

export function newPaymentKey() {
  return `sbx_${randomBytes(24).toString("base64url")}`;
}

/** What the checkout page records when the employee finished with the card. */
export async function recordCheckout(
  db: DbOrTx,
  input: {
    orderId: string;
    orderName: string;
    amount: bigint;
    successUrl: string;
    failUrl: string;
    customerKey: string | null;
    cardLabel: string;
    status: "IN_PROGRESS" | "ABORTED";
  },
): Promise<Row | null> {
  const [row] = await db
    .insert(sandboxPgPayments)
    .values({
      paymentKey: newPaymentKey(),
      orderId: input.orderId,
      orderName: input.orderName,
      amount: input.amount,
      balanceAmount: input.amount,
      status: toStored(input.status),
      method: "카드",
      cardLabel: input.cardLabel,
      successUrl: input.successUrl,
      failUrl: input.failUrl,
      customerKey: input.customerKey,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function setStatus(db: DbOrTx, paymentKey: string, status: PgStatus) {
  const [row] = await db
    .update(sandboxPgPayments)
    .set({ status: toStored(status), updatedAt: new Date() })
    .where(eq(sandboxPgPayments.paymentKey, paymentKey))
    .returning();
  return row ?? null;
}

async function lockRow(tx: DbOrTx, paymentKey: string) {
  const [row] = await tx.select().from(sandboxPgPayments).where(eq(sandboxPgPayments.paymentKey, paymentKey)).for("update");
  return row ?? null;
}

/** An authenticated payment nobody confirmed in time expires, as Toss's does. */
async function expireIfLate(tx: DbOrTx, row: Row, now: Date): Promise<{ row: Row; expired: boolean }> {
  if (row.status !== "in_progress" || now.getTime() - row.createdAt.getTime() <= CONFIRM_WINDOW_MS) return { row, expired: false };
  const [updated] = await tx
    .update(sandboxPgPayments)
    .set({ status: "expired", updatedAt: now })
    .where(eq(sandboxPgPayments.paymentKey, row.paymentKey))
    .returning();
  return { row: updated ?? row, expired: true };
}

export type Changed = { row: Row; changed: boolean };

export async function readPayment(db: Db, paymentKey: string, now: Date): Promise<Changed> {
  return db.transaction(async (tx) => {
    const row = await lockRow(tx, paymentKey);
    if (!row) throw notFound();
    const { row: current, expired } = await expireIfLate(tx, row, now);
    return { row: current, changed: expired };
  });
}

export async function confirmPayment(
  db: Db,
  input: { paymentKey: string; orderId: string; amount: bigint; idempotencyKey: string | null },
  now: Date,
): Promise<Changed> {
  return db.transaction(async (tx) => {
    const locked = await lockRow(tx, input.paymentKey);
    if (!locked) throw notFound();
    if (locked.orderId !== input.orderId) throw new PgError(400, "INVALID_REQUEST", "주문번호가 결제 정보와 일치하지 않습니다.");
    if (locked.amount !== input.amount) throw new PgError(400, "INVALID_REQUEST", "결제 금액이 결제 정보와 일치하지 않습니다.");
    const { row, expired } = await expireIfLate(tx, locked, now);
    if (expired) return { row, changed: true };
    switch (row.status) {
      case "in_progress": {
        const [done] = await tx
          .update(sandboxPgPayments)
          .set({ status: "done", approvedAt: now, updatedAt: now })
          .where(eq(sandboxPgPayments.paymentKey, row.paymentKey))
          .returning();
        if (!done) throw notFound();
        return { row: done, changed: true };
      }
      case "done":
      case "partial_canceled":
      case "canceled":
        // A retry with an idempotency key gets the payment again; without one, Toss says it is done.
        if (input.idempotencyKey) return { row, changed: false };
        throw new PgError(400, "ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.");
      case "expired":
        throw new PgError(404, "NOT_FOUND_PAYMENT_SESSION", "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.");
      default:
        throw new PgError(400, "REJECT_CARD_PAYMENT", "카드 결제가 승인되지 않은 결제입니다.");
    }
  });
}

export async function cancelPayment(
  db: Db,
  input: { paymentKey: string; cancelReason: string; cancelAmount: bigint | null; idempotencyKey: string | null },
  now: Date,
): Promise<Changed> {
  return db.transaction(async (tx) => {
    const row = await lockRow(tx, input.paymentKey);
    if (!row) throw notFound();
    const transactionKey = input.idempotencyKey
      ? createHash("sha256").update(`${row.paymentKey}\0${input.idempotencyKey}`).digest("hex").slice(0, 32)
      : randomBytes(16).toString("hex");
    // The same idempotency key again: the cancel already happened, answer with the payment as it is.
    if (row.cancels.some((cancel) => cancel.transactionKey === transactionKey)) return { row, changed: false };
    if (row.status === "canceled") throw new PgError(400, "ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.");
    if (row.status !== "done" && row.status !== "partial_canceled") {
      throw new PgError(403, "NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다.");
    }
    const amount = input.cancelAmount ?? row.balanceAmount;
    if (amount <= 0n || amount > row.balanceAmount) throw new PgError(403, "NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다.");
    const balance = row.balanceAmount - amount;
    const cancel = { cancelAmount: amount.toString(), cancelReason: input.cancelReason, canceledAt: now.toISOString(), transactionKey };
    const [updated] = await tx
      .update(sandboxPgPayments)
      .set({
        balanceAmount: balance,
        status: balance === 0n ? "canceled" : "partial_canceled",
        cancels: sql`${sandboxPgPayments.cancels} || ${JSON.stringify([cancel])}::jsonb`,
        updatedAt: now,
      })
      .where(eq(sandboxPgPayments.paymentKey, row.paymentKey))
      .returning();
    if (!updated) throw notFound();
    return { row: updated, changed: true };
  });
}

export async function findByOrderId(db: DbOrTx, orderId: string) {
  const [row] = await db.select().from(sandboxPgPayments).where(eq(sandboxPgPayments.orderId, orderId));
  return row ?? null;
}
