import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, type OrderStatus } from "@/db/schema";
import { releaseOrderClaims } from "../loyalty/coupons";
import { DomainError } from "../errors";
import { enqueueOrderReadyPush } from "../push/outbox";
import { announceOrder, orderPayerIds } from "./events";

/** The kitchen's path for a paid order; refunds and cancellation have their own actions. */
const nextStatus: Partial<Record<OrderStatus, OrderStatus>> = {
  paid: "preparing",
  preparing: "ready",
  ready: "picked_up",
};

/** Moves an order one step along paid → preparing → ready → picked_up. */
export async function advanceOrder(args: { tx: DbOrTx; input: { orderId: string; storeId: string; to: OrderStatus; now: Date } }) {
  const { tx, input } = args;
  const [order] = await tx
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.storeId, input.storeId)))
    .for("no key update");
  if (!order) throw new DomainError("NOT_FOUND", "orderNotFound", "order not found at this store");
  if (nextStatus[order.status] !== input.to) {
    throw new DomainError("CONFLICT", "orderStatusChange", `an order that is ${order.status} cannot become ${input.to}`, {
      from: order.status,
      to: input.to,
    });
  }
  const [updated] = await tx
    .update(orders)
    .set({ status: input.to, updatedAt: input.now })
    .where(eq(orders.id, input.orderId))
    .returning({ id: orders.id, status: orders.status, pickupNumber: orders.pickupNumber });
  if (!updated) throw new Error("order update returned nothing");
  await announceOrder(tx, {
    storeId: input.storeId,
    orderId: updated.id,
    pickupNumber: updated.pickupNumber,
    status: updated.status,
    payerIds: await orderPayerIds(tx, updated.id),
  });
  // Queued in this transaction, so the payers' phones hear "ready" exactly when it commits; sent after.
  const pushOutboxIds = updated.status === "ready" ? await enqueueOrderReadyPush(tx, { orderId: updated.id, now: input.now }) : [];
  return { ...updated, pushOutboxIds };
}

/** Cancels an order nobody has paid for yet; nothing moved, so nothing is given back. */
export async function cancelOrder(args: { tx: DbOrTx; input: { orderId: string; storeId: string; now: Date } }) {
  const { tx, input } = args;
  const [updated] = await tx
    .update(orders)
    .set({ status: "canceled", updatedAt: input.now })
    .where(and(eq(orders.id, input.orderId), eq(orders.storeId, input.storeId), eq(orders.status, "pending_payment")))
    .returning({ id: orders.id, status: orders.status });
  if (!updated) {
    throw new DomainError("CONFLICT", "orderNotCancelable", "only an order waiting for payment can be canceled; refund a paid one");
  }
  // Promotion uses and coupons the order had claimed go back to the person.
  await releaseOrderClaims(tx, { orderId: updated.id, now: input.now });
  return updated;
}
