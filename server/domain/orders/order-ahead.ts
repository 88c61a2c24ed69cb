import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { orderLines, orders, paymentTenders, stores, type OrderStatus } from "@/db/schema";
import { DomainError } from "../errors";
import { hoursStateAt } from "../stores/hours";
import { withIdempotency } from "../idempotency";
import { walletOf } from "../ledger/accounts";
import { payOrder, voucherSpentToday, type PaymentResult } from "../payments/pay-order";
import { voucherCover } from "../payments/split";
import { candidateGrants } from "../vouchers/grants";
import { makeOwnDueGrants } from "../vouchers/plans";
import { mostTellingRefusal, voucherRefusal, type VoucherRefusal } from "../vouchers/usability";
import { createOrder, takePickupNumber, type OrderLineInput, type Pickup } from "./create-order";

/** The stores an employee can order ahead from, in a stable order, each with whether it is open now. */
export async function listOrderAheadStores(args: { tx: DbOrTx; input: { now: Date } }) {
  const rows = await args.tx
    .select({ id: stores.id, code: stores.code, nameKo: stores.nameKo, nameEn: stores.nameEn, openingHours: stores.openingHours, timeZone: stores.timeZone })
    .from(stores)
    .orderBy(asc(stores.createdAt), asc(stores.code));
  return rows.map(({ openingHours, timeZone, ...store }) => ({ ...store, hours: hoursStateAt(openingHours, timeZone, args.input.now) }));
}

/** One store by its code, with where it stands against its opening hours at `now`. */
export async function storeByCode(args: { tx: DbOrTx; input: { code: string; now: Date } }) {
  const [row] = await args.tx
    .select({ id: stores.id, code: stores.code, nameKo: stores.nameKo, nameEn: stores.nameEn, openingHours: stores.openingHours, timeZone: stores.timeZone })
    .from(stores)
    .where(eq(stores.code, args.input.code));
  if (!row) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  const { openingHours, timeZone, ...store } = row;
  return { ...store, hours: hoursStateAt(openingHours, timeZone, args.input.now) };
}

/**
 * What the employee can pay with at this store right now, for the cart's preview. The
 * payment itself splits again under its locks, so this is never trusted for money.
 */
export async function orderAheadFunds(args: { tx: DbOrTx; input: { employeeId: string; storeId: string; now: Date } }) {
  const { tx, input } = args;
  await makeOwnDueGrants(tx, input.employeeId, { now: input.now });
  const [grants, wallet] = await Promise.all([candidateGrants(tx, input.employeeId, input.now), walletOf(tx, input.employeeId)]);
  const refusals: VoucherRefusal[] = [];
  const usable = grants.filter((grant) => {
    const reason = voucherRefusal(grant, { now: input.now, storeId: input.storeId });
    if (reason) refusals.push(reason);
    return reason === null;
  });
  const spentToday = await voucherSpentToday(tx, {
    pairs: usable.flatMap((grant) => (grant.dailyCap !== null && grant.policyId ? [{ employeeId: input.employeeId, policyId: grant.policyId }] : [])),
    now: input.now,
  });
  // Each usable grant with the menu categories it may pay for and its policy's daily cap, so the
  // cart shows what it really covers; the split below and the cart's use the payment's own rules.
  const vouchers = usable.map((grant) => ({
    balance: grant.balance,
    categoryIds: grant.categoryIds,
    dailyCap:
      grant.dailyCap !== null && grant.policyId
        ? { key: grant.policyId, cap: grant.dailyCap, spent: spentToday.get(`${input.employeeId}:${grant.policyId}`) ?? 0n }
        : null,
  }));
  // The amount shown before there is a cart: what the vouchers pay of anything, caps applied.
  const voucher = voucherCover(
    vouchers.reduce((sum, entry) => sum + entry.balance, 0n),
    vouchers.map((entry) => ({ ...entry, categoryIds: null })),
    [],
  );
  if (voucher === 0n && vouchers.length > 0) refusals.push("dailyCapReached");
  return {
    voucher,
    vouchers,
    wallet: wallet?.balance ?? 0n,
    voucherRefusal: voucher > 0n ? null : mostTellingRefusal(refusals),
  };
}

export type OrderAheadInput = { employeeId: string; storeId: string; lines: OrderLineInput[]; now: Date; couponIds?: string[] };

/**
 * An order paid ahead from the phone: priced from the database, paid by the signed-in
 * employee's vouchers usable at this store now, then their wallet, in one transaction.
 * The session is the payer's proof, so no pay code. Short funds refuse the whole order.
 */
export async function placeOrderAhead(args: { tx: Tx; input: OrderAheadInput & { pickup: Pickup } }): Promise<PaymentResult> {
  const { tx, input } = args;
  const order = await createOrder({
    tx,
    input: {
      storeId: input.storeId,
      lines: input.lines,
      source: "pay_app",
      createdBy: input.employeeId,
      now: input.now,
      pickup: input.pickup,
      payerId: input.employeeId,
      couponIds: input.couponIds ?? [],
    },
  });
  try {
    return await payOrder({
      tx,
      created: order,
      input: {
        orderId: order.id,
        storeId: input.storeId,
        payerIds: [input.employeeId],
        remainder: { method: "none" },
        actorId: input.employeeId,
        now: input.now,
      },
    });
  } catch (error) {
    // The kiosk's wording offers card or cash at the counter; the phone offers a top-up.
    if (error instanceof DomainError && error.messageKey === "insufficientBalance") {
      throw new DomainError("PRECONDITION_FAILED", "orderAheadShort", error.message, error.details);
    }
    throw error;
  }
}

/**
 * The phone's "pay" as the router runs it: the pickup number from the pool, then one
 * idempotent transaction, so a retry after a dropped connection charges once.
 */
export async function placeOrderAheadOnce(db: Db, args: { key: string; input: OrderAheadInput }): Promise<PaymentResult> {
  const { input } = args;
  const pickup = await takePickupNumber(db, input.storeId, input.now);
  return withIdempotency(
    db,
    {
      scope: input.employeeId,
      procedure: "orderAhead.place",
      key: args.key,
      request: { storeId: input.storeId, lines: input.lines, ...(input.couponIds?.length ? { couponIds: input.couponIds } : {}) },
    },
    (tx) => placeOrderAhead({ tx, input: { ...input, pickup } }),
    // Vouchers and wallet only, all in this database: a deadlock's rollback undoes it.
    { retryDeadlocks: true },
  );
}

/** Steps the phone shows, in order; refunds and cancellations are shown as they are. */
export const ORDER_AHEAD_STEPS = ["paid", "preparing", "ready", "picked_up"] as const satisfies readonly OrderStatus[];

/** One of the employee's own orders (placed or paid by them), with what it holds and how it was paid. */
export async function myOrder(args: { tx: DbOrTx; input: { employeeId: string; orderId: string } }) {
  const { tx, input } = args;
  const paidByMe = tx
    .selectDistinct({ orderId: paymentTenders.orderId })
    .from(paymentTenders)
    .where(and(eq(paymentTenders.orderId, input.orderId), eq(paymentTenders.payerId, input.employeeId)));
  const [order] = await tx
    .select({
      id: orders.id,
      status: orders.status,
      source: orders.source,
      pickupNumber: orders.pickupNumber,
      total: orders.total,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      updatedAt: orders.updatedAt,
      store: { id: stores.id, code: stores.code, nameKo: stores.nameKo, nameEn: stores.nameEn },
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(
      and(
        eq(orders.id, input.orderId),
        or(eq(orders.payerId, input.employeeId), eq(orders.createdBy, input.employeeId), inArray(orders.id, paidByMe)),
      ),
    );
  // Someone else's order is "not found", never "forbidden": its existence is not revealed.
  if (!order) throw new DomainError("NOT_FOUND", "orderNotFound", "order not found");
  const [lines, tenders] = await Promise.all([
    tx
      .select({ nameKo: orderLines.nameKo, nameEn: orderLines.nameEn, options: orderLines.options, quantity: orderLines.quantity, lineTotal: orderLines.lineTotal, netTotal: orderLines.netTotal })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.lineNo)),
    tx
      .select({ kind: paymentTenders.kind, amount: paymentTenders.amount })
      .from(paymentTenders)
      .where(and(eq(paymentTenders.orderId, order.id), eq(paymentTenders.payerId, input.employeeId)))
      .orderBy(asc(paymentTenders.sequence)),
  ]);
  return {
    ...order,
    lines: lines.map((line) => ({ ...line, options: line.options.map((option) => ({ nameKo: option.nameKo, nameEn: option.nameEn })) })),
    tenders,
  };
}
