import type { DbOrTx } from "@/db/client";
import { postTransfer } from "../ledger/post-transfer";

/**
 * How a discount is booked (see server/domain/pricing/README.md): the store's revenue always
 * receives the list price. The tenders pay the net price; the discount is funded by the
 * company's promotion expense (for promotions) or coupon expense (for coupons), one transfer
 * per promotion and per coupon of the order, tagged with its id for the cost report. A refund
 * reverses the refunded part the same way (revenue → expense). Expense accounts go negative
 * by what discounts cost, like the other company source accounts.
 */
export type DiscountPart = { promotionId: string | null; promotionDiscount: bigint; couponId: string | null; couponDiscount: bigint };

export function discountTotals(parts: readonly DiscountPart[]) {
  const promotions = new Map<string, bigint>();
  const coupons = new Map<string, bigint>();
  for (const part of parts) {
    if (part.promotionId && part.promotionDiscount > 0n) {
      promotions.set(part.promotionId, (promotions.get(part.promotionId) ?? 0n) + part.promotionDiscount);
    }
    if (part.couponId && part.couponDiscount > 0n) coupons.set(part.couponId, (coupons.get(part.couponId) ?? 0n) + part.couponDiscount);
  }
  return { promotions, coupons };
}

export async function bookDiscounts(
  tx: DbOrTx,
  input: {
    direction: "payment" | "refund";
    orderId: string;
    pickupNumber: number;
    revenueId: string;
    promotionExpenseId: string | null;
    couponExpenseId: string | null;
    parts: readonly DiscountPart[];
    actorId: string;
  },
) {
  const { promotions, coupons } = discountTotals(input.parts);
  // Payment: expense → revenue; refund: revenue → expense.
  const sign = input.direction === "payment" ? 1n : -1n;
  for (const [promotionId, amount] of promotions) {
    if (!input.promotionExpenseId) throw new Error("discount: no promotion expense account locked");
    await postTransfer(tx, {
      kind: input.direction,
      orderId: input.orderId,
      createdBy: input.actorId,
      promotionId,
      memo: `promotion discount for order ${input.pickupNumber}`,
      entries: [
        { accountId: input.promotionExpenseId, amount: -amount * sign },
        { accountId: input.revenueId, amount: amount * sign },
      ],
    });
  }
  for (const [couponId, amount] of coupons) {
    if (!input.couponExpenseId) throw new Error("discount: no coupon expense account locked");
    await postTransfer(tx, {
      kind: input.direction,
      orderId: input.orderId,
      createdBy: input.actorId,
      couponId,
      memo: `coupon for order ${input.pickupNumber}`,
      entries: [
        { accountId: input.couponExpenseId, amount: -amount * sign },
        { accountId: input.revenueId, amount: amount * sign },
      ],
    });
  }
}
