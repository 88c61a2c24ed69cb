import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orderLines, orders, paymentTenders, pgPayments } from "@/db/schema";
import type { PaymentProvider, PgCheckout } from "@/server/providers/payment-provider";
import { DomainError } from "../errors";
import { withIdempotency } from "../idempotency";
import { payOrder } from "../payments/pay-order";
import { newPgOrderId } from "../pg/start-top-up";
import type { PgPaymentRow } from "../pg/records";
import { createOrder, takePickupNumber } from "./create-order";
import { orderAheadFunds, type OrderAheadInput } from "./order-ahead";
import { releaseOrderClaims } from "../loyalty/coupons";
import { currentTime } from "@/server/clock";

/** Toss Payments refuses card payments under 100 won. */
export const PG_MIN_CARD_AMOUNT = 100n;

export type StartedOrderCard = {
  orderId: string;
  pickupNumber: number;
  total: bigint;
  /** What the card pays at the PG; vouchers and the wallet pay the rest when the card is confirmed. */
  cardAmount: bigint;
  pgOrderId: string;
  orderName: string;
  checkout: PgCheckout;
};

/**
 * Order ahead with the rest by card: the order is created waiting for payment, and what the
 * employee's vouchers usable now and wallet do not cover is fixed as the card's share and
 * stored with the PG payment. Nothing moves until the PG payment is confirmed; then
 * `settleOrderCard` pays the order — vouchers and wallet for exactly the rest, the card for
 * its fixed share — in the confirm's transaction. Idempotent per attempt key.
 */
export async function startOrderAheadCard(
  db: Db,
  provider: PaymentProvider,
  args: { key: string; input: OrderAheadInput & { successUrl: string; failUrl: string } },
): Promise<StartedOrderCard> {
  const { input } = args;
  const pickup = await takePickupNumber(db, input.storeId, input.now);
  return withIdempotency(
    db,
    {
      scope: input.employeeId,
      procedure: "orderAhead.startCard",
      key: args.key,
      request: { storeId: input.storeId, lines: input.lines, ...(input.couponIds?.length ? { couponIds: input.couponIds } : {}) },
    },
    async (tx) => {
      const order = await createOrder({
        tx,
        input: {
          storeId: input.storeId,
          lines: input.lines,
          source: "pay_app",
          createdBy: input.employeeId,
          now: input.now,
          pickup,
          payerId: input.employeeId,
          couponIds: input.couponIds ?? [],
        },
      });
      const funds = await orderAheadFunds({ tx, input: { employeeId: input.employeeId, storeId: input.storeId, now: input.now } });
      const covered = funds.voucher + funds.wallet;
      const cardAmount = order.total > covered ? order.total - covered : 0n;
      if (cardAmount === 0n) {
        throw new DomainError("CONFLICT", "orderAheadCardNotNeeded", "vouchers and the wallet cover this order; pay without a card");
      }
      // A share under the PG's minimum: the card takes the minimum and the wallet or voucher a little less.
      const share = cardAmount < PG_MIN_CARD_AMOUNT ? (order.total < PG_MIN_CARD_AMOUNT ? order.total : PG_MIN_CARD_AMOUNT) : cardAmount;
      const orderName = await orderNameOf(tx, order.id);
      const pgOrderId = newPgOrderId("order");
      await tx.insert(pgPayments).values({
        pgOrderId,
        provider: provider.name,
        purpose: "order",
        userId: input.employeeId,
        orderId: order.id,
        orderName,
        amount: share,
        status: "ready",
      });
      const checkout = provider.checkout({
        orderId: pgOrderId,
        orderName,
        amount: share,
        successUrl: input.successUrl,
        failUrl: input.failUrl,
        customerKey: `canteen_${input.employeeId}`,
      });
      return { orderId: order.id, pickupNumber: order.pickupNumber, total: order.total, cardAmount: share, pgOrderId, orderName, checkout };
    },
  );
}

/** "아메리카노 외 2건", as Korean card statements name a purchase. */
async function orderNameOf(tx: DbOrTx, orderId: string) {
  const lines = await tx.select({ nameKo: orderLines.nameKo }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.lineNo);
  const first = lines[0]?.nameKo ?? "Canteen";
  return lines.length > 1 ? `${first} 외 ${lines.length - 1}건` : first;
}

async function pendingOrderOf(tx: DbOrTx, row: PgPaymentRow) {
  if (!row.orderId) throw new Error(`pg payment ${row.id} for an order has no order`);
  const [order] = await tx.select().from(orders).where(eq(orders.id, row.orderId));
  if (!order || order.status !== "pending_payment") {
    throw new DomainError("CONFLICT", "orderNotPayable", "the order is no longer waiting for payment; nothing was charged");
  }
  return order;
}

/** Before the PG is asked to charge: the order still waits, and vouchers and wallet still cover the rest. */
export async function checkOrderCard(tx: DbOrTx, row: PgPaymentRow) {
  const order = await pendingOrderOf(tx, row);
  const funds = await orderAheadFunds({ tx, input: { employeeId: row.userId, storeId: order.storeId, now: currentTime() } });
  const rest = order.total - row.amount;
  if (funds.voucher + funds.wallet < rest) {
    throw new DomainError("PRECONDITION_FAILED", "orderAheadFundsChanged", "the voucher or wallet no longer covers the rest; nothing was charged", {
      shortfall: Number(rest - funds.voucher - funds.wallet),
    });
  }
}

/** The PG confirmed the card's share: pay the order, the card for its share and vouchers and wallet for the rest. */
export async function settleOrderCard(tx: DbOrTx, row: PgPaymentRow & { paymentKey: string }) {
  const order = await pendingOrderOf(tx, row);
  await payOrder({
    tx,
    input: {
      orderId: order.id,
      storeId: order.storeId,
      payerIds: [row.userId],
      remainder: { method: "pg", amount: row.amount, paymentKey: row.paymentKey },
      actorId: row.userId,
      now: currentTime(),
    },
  });
  const [card] = await tx
    .select({ transferId: paymentTenders.transferId })
    .from(paymentTenders)
    .where(and(eq(paymentTenders.orderId, order.id), eq(paymentTenders.kind, "card")));
  if (!card) throw new Error(`order ${order.id} paid without its card tender`);
  return { transferId: card.transferId };
}

/** The order a PG payment paid, for the page the employee lands on after the checkout. */
export async function pgPaymentOrder(db: DbOrTx, pgPaymentId: string) {
  const [row] = await db
    .select({ id: orders.id, pickupNumber: orders.pickupNumber, status: orders.status })
    .from(pgPayments)
    .innerJoin(orders, eq(orders.id, pgPayments.orderId))
    .where(eq(pgPayments.id, pgPaymentId));
  return row ?? null;
}

/**
 * A checkout that failed (declined, abandoned, expired) leaves its order waiting with a
 * pickup number nobody will call: cancel it, unless the PG did take the money after all.
 */
export async function releaseUnpaidOrder(db: Db, pgOrderId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(pgPayments).where(eq(pgPayments.pgOrderId, pgOrderId)).for("update");
    if (!row?.orderId || row.purpose !== "order" || row.transferId || !["aborted", "expired"].includes(row.status)) return;
    const canceled = await tx
      .update(orders)
      .set({ status: "canceled", updatedAt: currentTime() })
      .where(and(eq(orders.id, row.orderId), eq(orders.status, "pending_payment")))
      .returning({ id: orders.id });
    if (canceled.length > 0) await releaseOrderClaims(tx, { orderId: row.orderId, now: currentTime() });
  });
}
