import { and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { listedStatus } from "../orders/listed-status";
import { orderLines, orders, paymentTenders, refunds, stores, users, voucherGrants, type OrderStatus } from "@/db/schema";
import { DomainError } from "../errors";
import { businessDate } from "../time";

/** How many of today's orders the list shows; older ones are found by their number. */
export const FIND_ORDERS_LIMIT = 100;

/** Orders that were never paid have nothing to refund and stay out of the list. */
const unpaid: OrderStatus[] = ["pending_payment", "canceled"];

export type FindOrdersInput = {
  storeId: string;
  now: Date;
  /** Today's order with this pickup number only. */
  pickupNumber?: number;
};

/**
 * Today's paid orders of a store, newest first, each with its lines (and how much of each is
 * already refunded), what each tender paid and got back, and the refunds so far.
 */
export async function findRefundableOrders(args: { tx: DbOrTx; input: FindOrdersInput }) {
  const { tx, input } = args;
  const [store] = await tx.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, input.storeId));
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  const payer = alias(users, "payer");
  const rows = await tx
    .select({
      id: orders.id,
      pickupNumber: orders.pickupNumber,
      status: orders.status,
      source: orders.source,
      subtotal: orders.subtotal,
      discount: orders.discount,
      total: orders.total,
      refundedAmount: orders.refundedAmount,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      payerName: payer.name,
    })
    .from(orders)
    .leftJoin(payer, eq(payer.id, orders.payerId))
    .where(
      and(
        eq(orders.storeId, input.storeId),
        eq(orders.businessDate, businessDate(input.now, store.timeZone)),
        notInArray(orders.status, unpaid),
        input.pickupNumber === undefined ? undefined : eq(orders.pickupNumber, input.pickupNumber),
      ),
    )
    .orderBy(sql`${orders.paidAt} desc nulls last`, desc(orders.pickupNumber))
    .limit(FIND_ORDERS_LIMIT);
  if (rows.length === 0) return { timeZone: store.timeZone, orders: [] };
  const ids = rows.map((row) => row.id);

  const creator = alias(users, "creator");
  const [lineRows, tenderRows, refundRows] = await Promise.all([
    tx
      .select({
        orderId: orderLines.orderId,
        id: orderLines.id,
        lineNo: orderLines.lineNo,
        nameKo: orderLines.nameKo,
        nameEn: orderLines.nameEn,
        options: orderLines.options,
        unitPrice: orderLines.unitPrice,
        quantity: orderLines.quantity,
        refundedQuantity: orderLines.refundedQuantity,
        lineTotal: orderLines.lineTotal,
        netTotal: orderLines.netTotal,
      })
      .from(orderLines)
      .where(inArray(orderLines.orderId, ids))
      .orderBy(asc(orderLines.lineNo)),
    tx
      .select({
        orderId: paymentTenders.orderId,
        kind: paymentTenders.kind,
        amount: paymentTenders.amount,
        refundedAmount: paymentTenders.refundedAmount,
        reference: paymentTenders.reference,
        meal: voucherGrants.meal,
      })
      .from(paymentTenders)
      .leftJoin(voucherGrants, eq(voucherGrants.id, paymentTenders.grantId))
      .where(inArray(paymentTenders.orderId, ids))
      .orderBy(asc(paymentTenders.sequence)),
    tx
      .select({
        orderId: refunds.orderId,
        id: refunds.id,
        amount: refunds.amount,
        reason: refunds.reason,
        tenders: refunds.tenders,
        createdAt: refunds.createdAt,
        createdBy: creator.name,
      })
      .from(refunds)
      .innerJoin(creator, eq(creator.id, refunds.createdBy))
      .where(inArray(refunds.orderId, ids))
      .orderBy(asc(refunds.createdAt)),
  ]);

  const found = rows.map((row) => ({
    ...row,
    status: listedStatus(row),
    lines: lineRows
      .filter((line) => line.orderId === row.id)
      .map(({ orderId: _orderId, options, ...line }) => ({
        ...line,
        options: options.map((option) => ({ nameKo: option.nameKo, nameEn: option.nameEn })),
      })),
    tenders: tenderRows.filter((tender) => tender.orderId === row.id).map(({ orderId: _orderId, ...tender }) => tender),
    refunds: refundRows
      .filter((refund) => refund.orderId === row.id)
      .map(({ orderId: _orderId, tenders, ...refund }) => ({
        ...refund,
        tenders: tenders.map((tender) => ({ kind: tender.kind, to: tender.to, amount: BigInt(tender.amount) })),
      })),
  }));
  // The store's zone travels with the orders, so the kiosk shows their times as the store's clock does.
  return { timeZone: store.timeZone, orders: found };
}

export type RefundableOrder = Awaited<ReturnType<typeof findRefundableOrders>>["orders"][number];
