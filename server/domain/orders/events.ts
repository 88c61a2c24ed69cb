import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { OrderStatus } from "@/db/schema";

export const ORDER_EVENTS_CHANNEL = "canteen_order_events";

export type OrderEvent = { storeId: string; orderId: string; pickupNumber: number; status: OrderStatus; source?: "kiosk" | "pay_app" };

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
    };
  } catch {
    return null;
  }
}
