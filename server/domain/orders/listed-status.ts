import type { OrderStatus } from "@/db/schema";

/** Steps of making an order: a partial refund leaves the order here, still in the queue. */
export const IN_THE_MAKING: readonly OrderStatus[] = ["paid", "preparing", "ready"];

/**
 * An order's status keeps the step of making it (the queue, the pickup display and the
 * phone's status page follow it), also after part of it was refunded: the rest is still owed
 * to the customer. Lists of purchases and refunds show the money side instead: an order with
 * part of its total given back reads "partially refunded".
 */
export function listedStatus(order: { status: OrderStatus; total: bigint; refundedAmount: bigint }): OrderStatus {
  if (order.status === "refunded" || order.status === "canceled" || order.status === "pending_payment") return order.status;
  return order.refundedAmount > 0n && order.refundedAmount < order.total ? "partially_refunded" : order.status;
}

/** The status a refund leaves: refunded when nothing is left, else the step of making it, or partially refunded once picked up. */
export function statusAfterRefund(order: { status: OrderStatus; total: bigint }, refundedAmount: bigint): OrderStatus {
  if (refundedAmount === order.total) return "refunded";
  return IN_THE_MAKING.includes(order.status) ? order.status : "partially_refunded";
}
