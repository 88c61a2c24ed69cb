import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuItems, orderLines, orders, paymentTenders, refunds, users, voucherGrants, type OrderStatus, type TenderKind } from "@/db/schema";
import { recordAudit } from "../audit";
import { listedStatus, statusAfterRefund } from "../orders/listed-status";
import { announceOrder, payerIdsOf } from "../orders/events";
import { DomainError } from "../errors";
import { lockAccounts } from "../ledger/accounts";
import { postTransfer } from "../ledger/post-transfer";
import { minBigInt } from "../money";
import { bookDiscounts } from "../pricing/book-discounts";
import { shareOf } from "../pricing/discount";
import { lockRefundCoupons, takeBackStamps } from "../loyalty/stamps";
import { giveBackLineClaims } from "../loyalty/coupons";

export type RefundOrderInput = {
  orderId: string;
  /** The store of the kiosk or manager refunding; null lets HR or the system refund any store's order. */
  storeId: string | null;
  /** Chosen lines and quantities; omitted means everything not yet refunded. */
  lines?: { lineId: string; quantity: number }[];
  reason: string;
  actorId: string;
  /** Who approved the refund and how, when it is not simply the actor's own act (a manager's PIN at a kiosk). */
  approval?: { managerId: string; managerName: string; method: "kiosk_pin"; deviceId: string };
  requestId?: string | null;
  now: Date;
};

export type RefundResult = {
  refundId: string;
  orderId: string;
  amount: bigint;
  status: OrderStatus;
  tenders: { kind: TenderKind; amount: bigint; to: "voucher" | "voucher_budget" | "wallet" | "card" | "cash" }[];
};

const refundable: readonly OrderStatus[] = ["paid", "preparing", "ready", "picked_up", "partially_refunded"];

/**
 * Gives back exactly what each tender paid, the last tender first (card or cash, then
 * wallet, then voucher). A voucher whose time is over returns its share to the company
 * budget, not to the employee. Locks the order first, so two refunds of one order run one
 * after the other and the second sees what is left.
 */
export async function refundOrder(args: { tx: DbOrTx; input: RefundOrderInput }): Promise<RefundResult> {
  const { tx, input } = args;
  const [order] = await tx
    .select()
    .from(orders)
    .where(input.storeId ? and(eq(orders.id, input.orderId), eq(orders.storeId, input.storeId)) : eq(orders.id, input.orderId))
    .for("no key update");
  if (!order) throw new DomainError("NOT_FOUND", "orderNotFound", "order not found");
  if (!refundable.includes(order.status)) {
    throw new DomainError("CONFLICT", "orderNotRefundable", `a ${order.status} order cannot be refunded`);
  }

  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.lineNo));
  const wanted = input.lines ?? lines.map((line) => ({ lineId: line.id, quantity: line.quantity - line.refundedQuantity }));
  const refundLines = wanted
    .filter((entry) => entry.quantity > 0)
    .map((entry) => {
      const line = lines.find((candidate) => candidate.id === entry.lineId);
      if (!line) throw new DomainError("BAD_REQUEST", "refundLineNotFound", "that line is not part of this order");
      const left = line.quantity - line.refundedQuantity;
      if (entry.quantity > left) {
        throw new DomainError("CONFLICT", "refundExceedsRemaining", `only ${left} of line ${line.lineNo} can still be refunded`, {
          line: line.lineNo,
          left,
        });
      }
      // What these units cost the customer (net of discounts), and the discounts to reverse:
      // cumulative shares, so partial refunds of a line add up to exactly its figures.
      const from = line.refundedQuantity;
      const to = from + entry.quantity;
      return {
        line,
        quantity: entry.quantity,
        amount: shareOf(line.netTotal, from, to, line.quantity),
        promotionDiscount: shareOf(line.promotionDiscount, from, to, line.quantity),
        couponDiscount: shareOf(line.couponDiscount, from, to, line.quantity),
      };
    });
  // The last refund of an order takes exactly what is left, so rounding can never strand a won.
  const everythingLeft = lines.every((line) => {
    const taken = refundLines.filter((entry) => entry.line.id === line.id).reduce((sum, entry) => sum + entry.quantity, 0);
    return line.refundedQuantity + taken === line.quantity;
  });
  const remaining = order.total - order.refundedAmount;
  const amount = everythingLeft ? remaining : minBigInt(remaining, refundLines.reduce((sum, entry) => sum + entry.amount, 0n));
  // A line a coupon made free refunds no money but still gives its coupon and discount back.
  const discountsBack = refundLines.some((entry) => entry.promotionDiscount > 0n || entry.couponDiscount > 0n);
  if (refundLines.length === 0 || amount < 0n || (amount === 0n && !discountsBack)) {
    throw new DomainError("CONFLICT", "nothingToRefund", "nothing is left to refund on this order");
  }

  const tenders = await tx
    .select({
      tender: paymentTenders,
      grantStatus: voucherGrants.status,
      grantValidUntil: voucherGrants.validUntil,
      grantCategoryIds: voucherGrants.categoryIds,
    })
    .from(paymentTenders)
    .leftJoin(voucherGrants, eq(voucherGrants.id, paymentTenders.grantId))
    .where(eq(paymentTenders.orderId, order.id))
    .orderBy(sql`${paymentTenders.sequence} desc`);

  const owed = await restrictedVoucherShares(tx, { tenders, lines, refundLines, amount });
  let due = amount - [...owed.values()].reduce((sum, give) => sum + give, 0n);
  const plan = tenders.flatMap((row) => {
    const first = owed.get(row.tender.id) ?? 0n;
    const more = minBigInt(row.tender.amount - row.tender.refundedAmount - first, due);
    const give = first + more;
    if (give <= 0n) return [];
    due -= more;
    const voucherOver =
      row.tender.kind === "voucher" && (row.grantStatus !== "active" || (row.grantValidUntil !== null && input.now >= row.grantValidUntil));
    const to = voucherOver ? ("voucher_budget" as const) : row.tender.kind;
    return [{ tender: row.tender, give, to }];
  });
  if (due !== 0n) throw new Error(`refund: tenders of order ${order.id} cannot cover ${amount}`);

  // Coupons and promotion uses first, then accounts: the lock order of every money transaction.
  const payerIds = [...new Set([order.payerId, ...tenders.map((row) => row.tender.payerId)].filter((id): id is string => id !== null))];
  // As a payment does: a department move waits for this refund, so the reports re-file it too.
  if (payerIds.length > 0) await tx.select({ id: users.id }).from(users).where(inArray(users.id, payerIds)).orderBy(users.id).for("share");
  await lockRefundCoupons(tx, { orderId: order.id, payerIds });
  await giveBackLineClaims(tx, {
    order,
    lines: refundLines.map((entry) => ({ line: entry.line, quantity: entry.quantity })),
    now: input.now,
  });

  const promotionBack = refundLines.reduce((sum, entry) => sum + entry.promotionDiscount, 0n);
  const couponBack = refundLines.reduce((sum, entry) => sum + entry.couponDiscount, 0n);
  const needsBudget = plan.some((step) => step.to === "voucher_budget");
  const { systemIds } = await lockAccounts(
    tx,
    plan.filter((step) => step.to !== "voucher_budget").map((step) => step.tender.accountId),
    [
      { kind: "store_revenue", storeId: order.storeId },
      ...(needsBudget ? [{ kind: "voucher_budget" as const, storeId: null }] : []),
      ...(promotionBack > 0n ? [{ kind: "promotion_expense" as const, storeId: null }] : []),
      ...(couponBack > 0n ? [{ kind: "coupon_expense" as const, storeId: null }] : []),
    ],
  );
  const [revenueId] = systemIds;
  const budgetId = needsBudget ? systemIds[1] : undefined;
  const expenseIds = systemIds.slice(needsBudget ? 2 : 1);
  const promotionExpenseId = promotionBack > 0n ? (expenseIds[0] ?? null) : null;
  const couponExpenseId = couponBack > 0n ? (expenseIds[promotionBack > 0n ? 1 : 0] ?? null) : null;
  if (!revenueId) throw new Error("refund: no revenue account locked");
  for (const step of plan) {
    const toAccountId = step.to === "voucher_budget" ? budgetId : step.tender.accountId;
    if (!toAccountId) throw new Error("refund: no budget account locked");
    await postTransfer(tx, {
      kind: "refund",
      orderId: order.id,
      createdBy: input.actorId,
      memo: `refund of ${step.tender.kind} to ${step.to}`,
      entries: [
        { accountId: revenueId, amount: -step.give },
        { accountId: toAccountId, amount: step.give },
      ],
    });
    await tx
      .update(paymentTenders)
      .set({ refundedAmount: sql`${paymentTenders.refundedAmount} + ${step.give.toString()}::bigint` })
      .where(eq(paymentTenders.id, step.tender.id));
  }

  await bookDiscounts(tx, {
    direction: "refund",
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    revenueId,
    promotionExpenseId,
    couponExpenseId,
    parts: refundLines.map((entry) => ({
      promotionId: entry.line.promotionId,
      promotionDiscount: entry.promotionDiscount,
      couponId: entry.line.couponId,
      couponDiscount: entry.couponDiscount,
    })),
    actorId: input.actorId,
  });

  for (const entry of refundLines) {
    await tx
      .update(orderLines)
      .set({
        refundedQuantity: sql`${orderLines.refundedQuantity} + ${entry.quantity}`,
        refundedNet: sql`${orderLines.refundedNet} + ${entry.amount.toString()}::bigint`,
        refundedPromotionDiscount: sql`${orderLines.refundedPromotionDiscount} + ${entry.promotionDiscount.toString()}::bigint`,
        refundedCouponDiscount: sql`${orderLines.refundedCouponDiscount} + ${entry.couponDiscount.toString()}::bigint`,
      })
      .where(eq(orderLines.id, entry.line.id));
  }
  const refundedAmount = order.refundedAmount + amount;
  const status: OrderStatus = everythingLeft
    ? "refunded"
    : order.total === 0n
      ? order.status
      : statusAfterRefund(order, refundedAmount);
  await tx.update(orders).set({ refundedAmount, status, updatedAt: input.now }).where(eq(orders.id, order.id));
  await announceOrder(tx, {
    storeId: order.storeId,
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    status,
    payerIds: payerIdsOf(order.payerId, tenders.map((row) => row.tender.payerId)),
  });

  const tenderSummary = plan.map((step) => ({ kind: step.tender.kind, amount: step.give, to: step.to }));
  const [refund] = await tx
    .insert(refunds)
    .values({
      orderId: order.id,
      amount,
      reason: input.reason,
      lines: refundLines.map((entry) => ({ lineId: entry.line.id, quantity: entry.quantity, amount: entry.amount.toString() })),
      tenders: tenderSummary.map((entry) => ({ ...entry, amount: entry.amount.toString() })),
      createdBy: input.actorId,
      createdAt: input.now,
    })
    .returning({ id: refunds.id });
  if (!refund) throw new Error("refund insert returned nothing");
  await takeBackStamps(tx, {
    orderId: order.id,
    refundId: refund.id,
    lines: lines.map((line) => ({
      id: line.id,
      quantity: line.quantity,
      refundedQuantity: line.refundedQuantity + refundLines.filter((entry) => entry.line.id === line.id).reduce((sum, entry) => sum + entry.quantity, 0),
    })),
    now: input.now,
  });
  await recordAudit(tx, {
    actorId: input.actorId,
    storeId: order.storeId,
    action: "order.refund",
    entityType: "order",
    entityId: order.id,
    before: { status: order.status, refundedAmount: order.refundedAmount },
    after: {
      status,
      refundedAmount,
      amount,
      reason: input.reason,
      tenders: tenderSummary,
      ...(input.approval ? { approval: input.approval } : {}),
    },
    requestId: input.requestId ?? null,
  });
  return { refundId: refund.id, orderId: order.id, amount, status: listedStatus({ status, total: order.total, refundedAmount }), tenders: tenderSummary };
}


/**
 * What category-restricted voucher tenders must get back first. Such a voucher paid only for
 * lines of its categories, so once those lines are refunded the order may not keep more of
 * its money than their remaining net; without this, the last-tender-first rule would hand a
 * refunded meal's money to the card and leave the voucher paying for the goods it may not.
 */
async function restrictedVoucherShares(
  tx: DbOrTx,
  args: {
    tenders: { tender: typeof paymentTenders.$inferSelect; grantCategoryIds: string[] | null }[];
    lines: (typeof orderLines.$inferSelect)[];
    refundLines: { line: typeof orderLines.$inferSelect; amount: bigint }[];
    amount: bigint;
  },
) {
  const owed = new Map<string, bigint>();
  const restricted = args.tenders.filter((row) => row.tender.kind === "voucher" && row.grantCategoryIds !== null);
  if (restricted.length === 0) return owed;
  const itemIds = [...new Set(args.lines.map((line) => line.menuItemId))];
  const items = await tx.select({ id: menuItems.id, categoryId: menuItems.categoryId }).from(menuItems).where(inArray(menuItems.id, itemIds));
  const categoryOf = new Map(items.map((item) => [item.id, item.categoryId]));
  const netAfter = (line: typeof orderLines.$inferSelect) =>
    line.netTotal - line.refundedNet - args.refundLines.filter((entry) => entry.line.id === line.id).reduce((sum, entry) => sum + entry.amount, 0n);
  let left = args.amount;
  // Oldest tender first, the order the payment applied them.
  for (const row of [...restricted].sort((a, b) => a.tender.sequence - b.tender.sequence)) {
    const categories = row.grantCategoryIds ?? [];
    const payableAfter = args.lines
      .filter((line) => categories.includes(categoryOf.get(line.menuItemId) ?? ""))
      .reduce((sum, line) => sum + netAfter(line), 0n);
    const kept = row.tender.amount - row.tender.refundedAmount;
    const give = minBigInt(kept - payableAfter, left);
    if (give > 0n) {
      owed.set(row.tender.id, give);
      left -= give;
    }
  }
  return owed;
}
