import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coupons, promotions } from "@/db/schema";
import type { LineDiscount } from "./price-order";

type StoredLine = { lineNo: number; promotionId: string | null; promotionDiscount: bigint; couponId: string | null; couponDiscount: bigint };

/** The discounts of stored order lines with their promotion and coupon names (receipts, history). */
export async function storedLineDiscounts(tx: DbOrTx, lines: readonly StoredLine[]): Promise<(LineDiscount & { lineNo: number })[]> {
  const promotionIds = [...new Set(lines.flatMap((line) => (line.promotionId ? [line.promotionId] : [])))];
  const couponIds = [...new Set(lines.flatMap((line) => (line.couponId ? [line.couponId] : [])))];
  const [promotionRows, couponRows] = await Promise.all([
    promotionIds.length ? tx.select({ id: promotions.id, nameKo: promotions.nameKo, nameEn: promotions.nameEn }).from(promotions).where(inArray(promotions.id, promotionIds)) : [],
    couponIds.length ? tx.select({ id: coupons.id, nameKo: coupons.nameKo, nameEn: coupons.nameEn }).from(coupons).where(inArray(coupons.id, couponIds)) : [],
  ]);
  return lines.flatMap((line) => {
    const out: (LineDiscount & { lineNo: number })[] = [];
    const promotion = promotionRows.find((row) => row.id === line.promotionId);
    if (promotion && line.promotionDiscount > 0n) {
      out.push({ lineNo: line.lineNo, cartIndex: null, kind: "promotion", nameKo: promotion.nameKo, nameEn: promotion.nameEn, amount: line.promotionDiscount });
    }
    const coupon = couponRows.find((row) => row.id === line.couponId);
    if (coupon && line.couponDiscount > 0n) {
      out.push({ lineNo: line.lineNo, cartIndex: null, kind: "coupon", nameKo: coupon.nameKo, nameEn: coupon.nameEn, amount: line.couponDiscount });
    }
    return out;
  });
}
