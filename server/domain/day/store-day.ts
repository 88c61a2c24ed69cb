import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { storeDays, stores, type DayTotals } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { businessDate } from "../time";

const KINDS = ["voucher", "wallet", "card", "cash"] as const;
type Kind = (typeof KINDS)[number];

async function storeDay(tx: DbOrTx, storeId: string, now: Date) {
  const [store] = await tx.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId));
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  return { day: businessDate(now, store.timeZone), timeZone: store.timeZone };
}

/**
 * The day's figures from what was recorded: sales by tender for the day's orders, and
 * refunds by tender made at this store during the day (whatever day their order was from).
 */
export async function dayTotals(tx: DbOrTx, input: { storeId: string; day: string; timeZone: string }): Promise<DayTotals> {
  const rows = (await tx.execute(sql`
    select 'sale' as side, p.kind::text as kind, sum(p.amount)::text as amount, count(distinct o.id)::int as n
      from orders o join payment_tenders p on p.order_id = o.id
     where o.store_id = ${input.storeId} and o.business_date = ${input.day}::date
     group by p.kind
    union all
    select 'refund', t->>'kind', sum((t->>'amount')::bigint)::text, count(distinct r.id)::int
      from refunds r join orders o on o.id = r.order_id, jsonb_array_elements(r.tenders) t
     where o.store_id = ${input.storeId}
       and (r.created_at at time zone ${input.timeZone})::date = ${input.day}::date
     group by t->>'kind'`)) as unknown as { side: "sale" | "refund"; kind: string; amount: string; n: number }[];
  const [orderCount] = (await tx.execute(sql`
    select count(*)::int as n, (select count(*)::int from refunds r join orders o2 on o2.id = r.order_id
        where o2.store_id = ${input.storeId} and (r.created_at at time zone ${input.timeZone})::date = ${input.day}::date) as refunds
      from orders where store_id = ${input.storeId} and business_date = ${input.day}::date
       and status not in ('pending_payment', 'canceled')`)) as unknown as { n: number; refunds: number }[];
  const pick = (side: "sale" | "refund") =>
    Object.fromEntries(
      KINDS.map((kind) => [kind, rows.find((row) => row.side === side && row.kind === kind)?.amount ?? "0"]),
    ) as Record<Kind, string>;
  return { orders: orderCount?.n ?? 0, sales: pick("sale"), refunds: pick("refund"), refundCount: orderCount?.refunds ?? 0 };
}

/** Float + cash taken (net of change) − cash given back. */
export const expectedCash = (openingFloat: bigint, totals: DayTotals) =>
  openingFloat + BigInt(totals.sales.cash) - BigInt(totals.refunds.cash);

export async function openDay(args: { tx: DbOrTx; input: { storeId: string; openingFloat: bigint; actorId: string; now: Date } }) {
  const { tx, input } = args;
  const { day } = await storeDay(tx, input.storeId, input.now);
  const [opened] = await tx
    .insert(storeDays)
    .values({ storeId: input.storeId, businessDate: day, openingFloat: input.openingFloat, openedAt: input.now, openedBy: input.actorId })
    .onConflictDoNothing()
    .returning();
  if (!opened) throw new DomainError("CONFLICT", "dayAlreadyOpen", `the day ${day} is already open`);
  await recordAudit(tx, { actorId: input.actorId, storeId: input.storeId, action: "day.open", entityType: "store_day", entityId: `${input.storeId}:${day}`, after: { openingFloat: input.openingFloat } });
  return opened;
}

/** Where the day stands now: open or not, live totals and the cash the drawer should hold. */
export async function daySummary(args: { tx: DbOrTx; input: { storeId: string; now: Date } }) {
  const { tx, input } = args;
  const { day, timeZone } = await storeDay(tx, input.storeId, input.now);
  const [row] = await tx.select().from(storeDays).where(and(eq(storeDays.storeId, input.storeId), eq(storeDays.businessDate, day)));
  const totals = row?.totals ?? (await dayTotals(tx, { storeId: input.storeId, day, timeZone }));
  return {
    businessDate: day,
    opened: row ? { at: row.openedAt, float: row.openingFloat } : null,
    closed: row?.closedAt ? { at: row.closedAt, counted: row.countedCash ?? 0n, expected: row.expectedCash ?? 0n } : null,
    totals,
    expectedCash: row ? expectedCash(row.openingFloat, totals) : null,
  };
}

/** Closes the day once: freezes the totals and records the counted cash against what was expected. */
export async function closeDay(args: { tx: DbOrTx; input: { storeId: string; countedCash: bigint; actorId: string; now: Date } }) {
  const { tx, input } = args;
  const { day, timeZone } = await storeDay(tx, input.storeId, input.now);
  const [row] = await tx
    .select()
    .from(storeDays)
    .where(and(eq(storeDays.storeId, input.storeId), eq(storeDays.businessDate, day)))
    .for("update");
  if (!row) throw new DomainError("PRECONDITION_FAILED", "dayNotOpen", `the day ${day} was never opened`);
  if (row.closedAt) throw new DomainError("CONFLICT", "dayAlreadyClosed", `the day ${day} is already closed`);
  const totals = await dayTotals(tx, { storeId: input.storeId, day, timeZone });
  const expected = expectedCash(row.openingFloat, totals);
  await tx
    .update(storeDays)
    .set({ closedAt: input.now, closedBy: input.actorId, countedCash: input.countedCash, expectedCash: expected, totals })
    .where(and(eq(storeDays.storeId, input.storeId), eq(storeDays.businessDate, day)));
  const result = { businessDate: day, totals, openingFloat: row.openingFloat, expectedCash: expected, countedCash: input.countedCash, difference: input.countedCash - expected };
  await recordAudit(tx, { actorId: input.actorId, storeId: input.storeId, action: "day.close", entityType: "store_day", entityId: `${input.storeId}:${day}`, after: result });
  return result;
}
