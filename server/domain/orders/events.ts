import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, paymentTenders, type OrderStatus } from "@/db/schema";

export const ORDER_EVENTS_CHANNEL = "canteen_order_events";

export type OrderEvent = {
  storeId: string;
  orderId: string;
  pickupNumber: number;
  status: OrderStatus;
  source?: "kiosk" | "pay_app";
  /** The employees who paid (all of a group payment), so each one's phone hears about it; [] for a walk-in. */
  payerIds: string[];
};

/**
 * Announces an order's new status to every app process (LISTEN/NOTIFY). Sent inside the
 * transaction that changed the order: PostgreSQL delivers it only if that commits.
 */
export async function announceOrder(tx: DbOrTx, event: OrderEvent) {
  await tx.execute(sql`select pg_notify(${ORDER_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

export function parseOrderEvent(payload: string): OrderEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<OrderEvent>;
    if (typeof value.storeId !== "string" || typeof value.orderId !== "string" || typeof value.status !== "string") return null;
    return {
      storeId: value.storeId,
      orderId: value.orderId,
      status: value.status,
      pickupNumber: Number(value.pickupNumber),
      ...(value.source === "kiosk" || value.source === "pay_app" ? { source: value.source } : {}),
      payerIds: Array.isArray(value.payerIds) ? value.payerIds.filter((id): id is string => typeof id === "string") : [],
    };
  } catch {
    return null;
  }
}

/** Who paid for an order: its first payer and everyone whose voucher or wallet paid a share. */
export async function orderPayerIds(tx: DbOrTx, orderId: string): Promise<string[]> {
  const [order, tenders] = await Promise.all([
    tx.select({ payerId: orders.payerId }).from(orders).where(eq(orders.id, orderId)),
    tx.selectDistinct({ payerId: paymentTenders.payerId }).from(paymentTenders).where(eq(paymentTenders.orderId, orderId)),
  ]);
  return payerIdsOf(order[0]?.payerId ?? null, tenders.map((tender) => tender.payerId));
}

export function payerIdsOf(first: string | null, others: readonly (string | null)[]): string[] {
  return [...new Set([first, ...others].filter((id): id is string => id !== null))];
}
