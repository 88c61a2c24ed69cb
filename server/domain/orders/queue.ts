import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderLines, orders, stores } from "@/db/schema";
import { DomainError } from "../errors";
import { businessDate } from "../time";

/** Statuses the counter still has to act on. */
export const QUEUE_STATUSES = ["paid", "preparing", "ready"] as const;

/** Today's paid orders of a store that are not picked up yet, oldest first, with what to make. */
export async function loadQueue(args: { tx: DbOrTx; input: { storeId: string; now: Date } }) {
  const { tx, input } = args;
  const [store] = await tx.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, input.storeId));
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  const rows = await tx
    .select({ id: orders.id, pickupNumber: orders.pickupNumber, status: orders.status, source: orders.source, paidAt: orders.paidAt })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, input.storeId),
        eq(orders.businessDate, businessDate(input.now, store.timeZone)),
        inArray(orders.status, [...QUEUE_STATUSES]),
      ),
    )
    .orderBy(asc(orders.paidAt));
  const lines = rows.length
    ? await tx
        .select({
          orderId: orderLines.orderId,
          nameKo: orderLines.nameKo,
          nameEn: orderLines.nameEn,
          quantity: orderLines.quantity,
          refundedQuantity: orderLines.refundedQuantity,
          options: orderLines.options,
        })
        .from(orderLines)
        .where(inArray(orderLines.orderId, rows.map((row) => row.id)))
        .orderBy(asc(orderLines.lineNo))
    : [];
  return rows.map((row) => ({
    ...row,
    lines: lines
      .filter((line) => line.orderId === row.id && line.quantity > line.refundedQuantity)
      .map((line) => ({ ...line, quantity: line.quantity - line.refundedQuantity })),
  }));
}

/** The numbers a pickup display shows: what is being made and what is ready. */
export async function loadPickupBoard(args: { tx: DbOrTx; input: { storeCode: string; now: Date } }) {
  const { tx, input } = args;
  const [store] = await tx.select().from(stores).where(eq(stores.code, input.storeCode));
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  const queue = await loadQueue({ tx, input: { storeId: store.id, now: input.now } });
  return {
    store: { id: store.id, nameKo: store.nameKo, nameEn: store.nameEn },
    preparing: queue.filter((order) => order.status !== "ready").map((order) => order.pickupNumber),
    ready: queue.filter((order) => order.status === "ready").map((order) => order.pickupNumber),
  };
}
