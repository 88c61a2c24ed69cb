import type { DbOrTx } from "@/db/client";
import { resolveListLines, type OrderLineInput } from "../orders/create-order";
import { lineDiscounts, priceOrder } from "./price-order";

/**
 * The cart's preview on the kiosk (and the phone): the same pricing as the order, in
 * preview mode (nothing claimed; a limited promotion counts as available unless the
 * person is known and has used it up). The order itself prices again under its locks.
 */
export async function quoteCart(args: { tx: DbOrTx; input: { storeId: string; lines: OrderLineInput[]; payerId: string | null; couponIds: string[]; now: Date } }) {
  const { tx, input } = args;
  const { store, lines } = await resolveListLines(tx, input);
  const priced = await priceOrder({
    tx,
    input: { storeId: store.id, timeZone: store.timeZone, lines, payerId: input.payerId, couponIds: input.couponIds, now: input.now, mode: "preview" },
  });
  return {
    lines: priced.lines.map((line) => ({
      cartIndex: line.cartIndex,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
      promotionDiscount: line.promotionDiscount,
      promotion: line.promotion,
      couponDiscount: line.couponDiscount,
      coupon: line.coupon,
      netTotal: line.netTotal,
    })),
    discounts: lineDiscounts(priced.lines),
    subtotal: priced.subtotal,
    promotionDiscount: priced.promotionDiscount,
    couponDiscount: priced.couponDiscount,
    total: priced.total,
  };
}
