import type { Db, Tx } from "@/db/client";
import { verifyPayCode } from "../paycode/verify";
import { createOrder, takePickupNumber, type OrderLineInput, type Pickup } from "../orders/create-order";
import { withIdempotency } from "../idempotency";
import { DomainError } from "../errors";
import { applicableCoupons } from "../loyalty/coupons";
import { countingPayCodeFailures } from "../paycode/verify";
import { payOrder, type PaymentHooks, type PaymentResult } from "./pay-order";
import type { Remainder, WalletSplit } from "./split";

/** Who pays: the code the employee shows (production), or their id (tests and back-office tools). */
export type PayerRef = { payCode: string } | { employeeId: string };

/**
 * The pay code is verified and consumed inside the payment's transaction: a failed payment
 * leaves it usable. Callers run that transaction in `countingPayCodeFailures`.
 */
export async function resolvePayers(args: { tx: Tx; payers: readonly PayerRef[]; now: Date; clientKey: string }) {
  const ids: string[] = [];
  // One by one, in scan order: each code is consumed before the next is looked at.
  for (const payer of args.payers) {
    if ("employeeId" in payer) {
      ids.push(payer.employeeId);
      continue;
    }
    const verified = await verifyPayCode({ tx: args.tx, input: { code: payer.payCode, now: args.now, clientKey: args.clientKey } });
    ids.push(verified.employeeId);
  }
  return ids;
}

export type CheckoutInput = {
  storeId: string;
  lines: OrderLineInput[];
  /** Nobody (a walk-in), one employee, or a group paying together (함께결제). */
  payers: PayerRef[];
  walletSplit?: WalletSplit;
  remainder: Remainder;
  actorId: string;
  now: Date;
  /** The first payer's coupons to redeem on this order (offered after the scan). */
  couponIds?: string[];
  /**
   * Set on the kiosk's first try with a pay code: when the payer has coupons that fit the
   * cart and none was chosen, nothing is paid (the code stays unused) and the kiosk is told
   * to offer them (`couponsAvailable`).
   */
  offerCoupons?: boolean;
};

/**
 * The kiosk's one-step sale: create the order and pay it in one transaction. The pickup
 * number is taken beforehand (`takePickupNumber`, on the pool) so the transaction never
 * waits on the store's counter row nor on a second connection.
 */
export async function checkout(args: { tx: Tx; input: CheckoutInput & { pickup: Pickup }; hooks?: PaymentHooks }): Promise<PaymentResult> {
  const { tx, input } = args;
  const payerIds = await resolvePayers({ tx, payers: input.payers, now: input.now, clientKey: input.actorId });
  const [firstPayer] = payerIds;
  if (input.offerCoupons && firstPayer && !input.couponIds?.length) {
    const fitting = await applicableCoupons(tx, { userId: firstPayer, storeId: input.storeId, lines: input.lines, now: input.now });
    if (fitting.length > 0) {
      throw new DomainError("PRECONDITION_FAILED", "couponsAvailable", "the payer has coupons for this order; offer them first", { count: fitting.length });
    }
  }
  const order = await createOrder({
    tx,
    input: {
      storeId: input.storeId,
      lines: input.lines,
      source: "kiosk",
      createdBy: input.actorId,
      now: input.now,
      pickup: input.pickup,
      payerId: payerIds[0] ?? null,
      couponIds: input.couponIds ?? [],
    },
  });
  return payOrder({
    tx,
    created: order,
    input: {
      orderId: order.id,
      storeId: input.storeId,
      payerIds,
      payersVerified: input.payers.every((payer) => "payCode" in payer),
      walletSplit: input.walletSplit ?? "first",
      remainder: input.remainder,
      actorId: input.actorId,
      now: input.now,
    },
    hooks: args.hooks,
  });
}

/**
 * A whole kiosk sale as the router runs it: pickup number from the pool, then one
 * idempotent transaction, with refused pay codes counted after it rolls back.
 */
export async function checkoutOnce(
  db: Db,
  args: { scope: string; key: string; input: CheckoutInput; hooks?: PaymentHooks; procedure?: string },
): Promise<PaymentResult> {
  const { input } = args;
  const pickup = await takePickupNumber(db, input.storeId, input.now);
  const request = {
    lines: input.lines,
    payers: input.payers,
    walletSplit: input.walletSplit ?? "first",
    remainder: input.remainder,
    ...(input.couponIds?.length ? { couponIds: input.couponIds } : {}),
    ...(input.offerCoupons ? { offerCoupons: true } : {}),
  };
  return countingPayCodeFailures(db, () =>
    withIdempotency(
      db,
      { scope: args.scope, procedure: args.procedure ?? "orders.checkout", key: args.key, request },
      (tx) => checkout({ tx, input: { ...input, pickup }, hooks: args.hooks }),
      // Everything it does is in this database (no terminal or PG call inside): a deadlock's rollback undoes it all.
      { retryDeadlocks: true },
    ),
  );
}
