import type { OrderStatus } from "@/db/schema/orders";

/**
 * What an employee's phone hears about an order they paid for, on `/api/events/me`
 * (`event: order`): the receipt to refresh and the status to show. Nothing about who else
 * paid or what anyone's balance is.
 */
export type MyOrderEvent = { orderId: string; status: OrderStatus; pickupNumber: number; storeId: string };

const statuses: readonly string[] = [
  "pending_payment",
  "paid",
  "preparing",
  "ready",
  "picked_up",
  "canceled",
  "refunded",
  "partially_refunded",
] satisfies readonly OrderStatus[];

/** The `data:` of one event, or null when it is not one. */
export function parseMyOrderEvent(data: string): MyOrderEvent | null {
  try {
    const value = JSON.parse(data) as Record<string, unknown>;
    if (typeof value.orderId !== "string" || typeof value.storeId !== "string") return null;
    if (typeof value.status !== "string" || !statuses.includes(value.status)) return null;
    if (typeof value.pickupNumber !== "number" || !Number.isInteger(value.pickupNumber)) return null;
    return { orderId: value.orderId, status: value.status as OrderStatus, pickupNumber: value.pickupNumber, storeId: value.storeId };
  } catch {
    return null;
  }
}
