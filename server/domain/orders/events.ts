import { and, arrayContains, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderEvents, orders, paymentTenders, type OrderStatus } from "@/db/schema";

export const ORDER_EVENTS_CHANNEL = "canteen_order_events";

export type OrderEvent = {
  storeId: string;
  orderId: string;
  pickupNumber: number;
  status: OrderStatus;
  source?: "kiosk" | "pay_app";
  /** The employees who paid (all of a group payment), so each one's phone hears about it; [] for a walk-in. */
  payerIds: string[];
  /** Commit-order number (order_events.seq): the SSE `id`, what `Last-Event-ID` resumes from. */
  seq?: number;
};

/**
 * Announces an order's new status to every app process. Written as an order_events row inside
 * the transaction that changed the order; at its commit a deferred trigger numbers it (`seq`,
 * in commit order) and NOTIFYs it, so nothing is announced for a change that rolls back and
 * a stream that reconnects can replay from the table.
 */
export async function announceOrder(tx: DbOrTx, event: OrderEvent) {
  const { seq: _ignored, ...payload } = event;
  await tx.insert(orderEvents).values({ storeId: event.storeId, orderId: event.orderId, payerIds: event.payerIds, payload });
}

export const REPLAY_LIMIT = 2_000;

/**
 * The events committed after `afterSeq`, oldest first, for one store or one payer (or all):
 * what a resuming stream or a re-LISTENing process missed.
 */
export async function orderEventsAfter(
  tx: DbOrTx,
  input: { afterSeq: number; storeId?: string; payerId?: string; limit?: number },
): Promise<OrderEvent[]> {
  const rows = await tx
    .select({ seq: orderEvents.seq, payload: orderEvents.payload })
    .from(orderEvents)
    .where(
      and(
        gt(orderEvents.seq, BigInt(input.afterSeq)),
        input.storeId ? eq(orderEvents.storeId, input.storeId) : undefined,
        input.payerId ? arrayContains(orderEvents.payerIds, [input.payerId]) : undefined,
      ),
    )
    .orderBy(asc(orderEvents.seq))
    .limit(input.limit ?? REPLAY_LIMIT);
  const events: OrderEvent[] = [];
  for (const row of rows) {
    const event = parseOrderEvent(JSON.stringify({ ...(row.payload as object), seq: Number(row.seq) }));
    if (event) events.push(event);
  }
  return events;
}

/** The newest committed event number (0 when there is none). */
export async function latestOrderEventSeq(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ seq: sql<string | null>`max(${orderEvents.seq})` }).from(orderEvents);
  return Number(row?.seq ?? 0);
}

/** Events older than the cut-off are dropped (`npm run jobs -- prune`); a stream further behind refetches. */
export async function pruneOrderEvents(tx: DbOrTx, before: Date): Promise<number> {
  const deleted = await tx.delete(orderEvents).where(lt(orderEvents.createdAt, before)).returning({ id: orderEvents.id });
  return deleted.length;
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
      ...(typeof value.seq === "number" && Number.isSafeInteger(value.seq) && value.seq > 0 ? { seq: value.seq } : {}),
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
