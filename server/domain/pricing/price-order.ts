import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coupons, promotionUses, promotions, type OrderLineOption } from "@/db/schema";
import { DomainError } from "../errors";
import { localParts } from "../time";
import { discountOf, inScope, promotionLive, type PromotionRule } from "./discount";

/** A line as the menu prices it: list price with options, before any discount. */
export type ListLine = {
  /** Index of the cart line it came from (pricing may split a cart line into several order lines). */
  cartIndex: number;
  item: { id: string; categoryId: string; nameKo: string; nameEn: string };
  options: OrderLineOption[];
  unitPrice: bigint;
  quantity: number;
};

export type PricedLine = ListLine & {
  lineTotal: bigint;
  promotionId: string | null;
  promotionDiscount: bigint;
  promotion: { nameKo: string; nameEn: string; limited: boolean } | null;
  couponId: string | null;
  couponDiscount: bigint;
  coupon: { nameKo: string; nameEn: string } | null;
  netTotal: bigint;
};

export type PricingMode =
  /** The cart's preview: nothing locked or written; limited promotions count as available. */
  | "preview"
  /** The order itself: limited promotions' uses and coupons are locked and claimed for `orderId`. */
  | "claim";

export type PriceOrderInput = {
  storeId: string;
  timeZone: string;
  lines: ListLine[];
  /** The person the order is for (the first pay code's employee); null for a walk-in. */
  payerId: string | null;
  couponIds: string[];
  now: Date;
  mode: PricingMode;
};

export type PricedOrder = {
  lines: PricedLine[];
  subtotal: bigint;
  promotionDiscount: bigint;
  couponDiscount: bigint;
  total: bigint;
  businessDate: string;
  /** Units per limited promotion this order takes, to be added to the payer's uses of the day. */
  promotionUses: Map<string, number>;
};

type Promotion = typeof promotions.$inferSelect;

const toRule = (row: Promotion): PromotionRule => ({ ...row, dailyStart: row.dailyStart, dailyEnd: row.dailyEnd });

/** Promotions live at this store now, oldest first (the tie-break of equal discounts). */
export async function livePromotions(tx: DbOrTx, input: { storeId: string; timeZone: string; now: Date }) {
  const rows = await tx
    .select()
    .from(promotions)
    .where(
      and(
        eq(promotions.isActive, true),
        lte(promotions.startsAt, input.now),
        gt(promotions.endsAt, input.now),
        sql`${input.storeId}::uuid = any(${promotions.storeIds})`,
      ),
    )
    .orderBy(asc(promotions.createdAt), asc(promotions.id));
  const local = localParts(input.now, input.timeZone);
  return rows.filter((row) => promotionLive(toRule(row), { now: input.now, storeId: input.storeId, local }));
}

/**
 * The one pricing step of every order (kiosk, order ahead) and of the kiosk cart's preview:
 *   list price (menu + options) → the best single promotion per unit (stacking rule: never
 *   two promotions on one unit; limited ones only while the payer's daily allowance lasts)
 *   → coupons (a free item up to the coupon's value, taken from what the promotion left)
 *   → what the tenders must pay.
 * A cart line is split when only some of its units get a promotion or a coupon, so each
 * stored line has one price story and a refund of it gives back exactly what it cost.
 */
export async function priceOrder(args: { tx: DbOrTx; input: PriceOrderInput }): Promise<PricedOrder> {
  const { tx, input } = args;
  const businessDate = localParts(input.now, input.timeZone).date;
  // Lock order of every money transaction: coupons → promotion uses → accounts → stamp cards.
  const couponIds = [...new Set(input.couponIds)].sort();
  if (couponIds.length !== input.couponIds.length) {
    throw new DomainError("BAD_REQUEST", "couponRepeated", "a coupon can be used once per order");
  }
  let rows: (typeof coupons.$inferSelect)[] = [];
  if (couponIds.length > 0) {
    if (!input.payerId) throw new DomainError("BAD_REQUEST", "couponNeedsPayer", "a coupon is used with its owner's pay code");
    const query = tx
      .select()
      .from(coupons)
      .where(and(inArray(coupons.id, couponIds), eq(coupons.userId, input.payerId)))
      .orderBy(asc(coupons.id));
    // Locked in id order: of two kiosks redeeming one coupon, the second waits and then finds it used.
    rows = input.mode === "claim" ? await query.for("update") : await query;
  }
  const live = await livePromotions(tx, input);
  const relevant = live.filter((promotion) => input.lines.some((line) => inScope(promotion, line.item)));

  // Allowance left today for each limited promotion. In claim mode the payer's use rows are
  // locked in promotion-id order, so two kiosks serving one person take turns (no deadlock).
  const left = new Map<string, number>();
  for (const promotion of [...relevant].sort((a, b) => a.id.localeCompare(b.id))) {
    const limit = promotion.perPersonDailyLimit;
    if (limit === null) continue;
    if (input.mode === "preview") {
      left.set(promotion.id, input.payerId ? limit - (await usedToday(tx, promotion.id, input.payerId, businessDate, false)) : limit);
    } else if (input.payerId) {
      left.set(promotion.id, limit - (await usedToday(tx, promotion.id, input.payerId, businessDate, true)));
    } else {
      // Nobody to count a limit against: a walk-in does not get a limited promotion.
      left.set(promotion.id, 0);
    }
  }

  const uses = new Map<string, number>();
  const fragments: PricedLine[] = [];
  for (const line of input.lines) {
    let remaining = line.quantity;
    const candidates = relevant
      .filter((promotion) => inScope(promotion, line.item))
      .map((promotion) => ({ promotion, perUnit: discountOf(promotion, line.unitPrice, 1) }))
      .filter((candidate) => candidate.perUnit > 0n)
      // Best single promotion: the biggest discount per unit; equal ones go to the oldest.
      .sort((a, b) => (a.perUnit === b.perUnit ? 0 : a.perUnit > b.perUnit ? -1 : 1));
    for (const { promotion } of candidates) {
      if (remaining === 0) break;
      const allowance = left.has(promotion.id) ? Math.max(0, left.get(promotion.id) ?? 0) : remaining;
      const quantity = Math.min(remaining, allowance);
      if (quantity === 0) continue;
      if (left.has(promotion.id)) {
        left.set(promotion.id, allowance - quantity);
        uses.set(promotion.id, (uses.get(promotion.id) ?? 0) + quantity);
      }
      fragments.push(withPromotion({ ...line, quantity }, promotion));
      remaining -= quantity;
    }
    if (remaining > 0) fragments.push(withPromotion({ ...line, quantity: remaining }, null));
  }

  if (couponIds.length > 0) {
    for (const couponId of couponIds) {
      const coupon = rows.find((row) => row.id === couponId);
      if (!coupon) throw new DomainError("NOT_FOUND", "couponNotFound", "coupon not found");
      if (coupon.status === "used") throw new DomainError("CONFLICT", "couponUsed", "this coupon was already used");
      if (coupon.status !== "active") throw new DomainError("CONFLICT", "couponRevoked", "this coupon is no longer valid");
      if (input.now >= coupon.expiresAt) throw new DomainError("PRECONDITION_FAILED", "couponExpired", "this coupon has expired");
      if (input.now < coupon.validFrom) throw new DomainError("PRECONDITION_FAILED", "couponNotYetValid", "this coupon is not valid yet");
      if (coupon.storeId && coupon.storeId !== input.storeId) {
        throw new DomainError("PRECONDITION_FAILED", "couponOtherStore", "this coupon is for another store");
      }
      // The eligible unit worth most after its promotion, capped by the coupon's value.
      let best: { index: number; unitNet: bigint } | null = null;
      for (const [index, fragment] of fragments.entries()) {
        if (fragment.couponId || !inScope(coupon, fragment.item)) continue;
        const unitNet = unitNetOf(fragment);
        if (unitNet > 0n && (!best || unitNet > best.unitNet)) best = { index, unitNet };
      }
      if (!best) throw new DomainError("PRECONDITION_FAILED", "couponNotApplicable", "no item in this order fits the coupon");
      const fragment = fragments[best.index];
      if (!fragment) throw new Error("pricing: fragment vanished");
      const rule = fragment.promotionId ? relevant.find((promotion) => promotion.id === fragment.promotionId) ?? null : null;
      const one = withPromotion({ ...fragment, quantity: 1 }, rule);
      const discount = one.netTotal < coupon.maxValue ? one.netTotal : coupon.maxValue;
      const couponLine: PricedLine = {
        ...one,
        couponId: coupon.id,
        couponDiscount: discount,
        coupon: { nameKo: coupon.nameKo, nameEn: coupon.nameEn },
        netTotal: one.netTotal - discount,
      };
      const rest = fragment.quantity > 1 ? [withPromotion({ ...fragment, quantity: fragment.quantity - 1 }, rule)] : [];
      fragments.splice(best.index, 1, couponLine, ...rest);
    }
  }

  const sum = (pick: (line: PricedLine) => bigint) => fragments.reduce((total, line) => total + pick(line), 0n);
  const subtotal = sum((line) => line.lineTotal);
  const promotionDiscount = sum((line) => line.promotionDiscount);
  const couponDiscount = sum((line) => line.couponDiscount);
  return {
    lines: fragments,
    subtotal,
    promotionDiscount,
    couponDiscount,
    total: subtotal - promotionDiscount - couponDiscount,
    businessDate,
    promotionUses: uses,
  };
}

function unitNetOf(line: PricedLine) {
  return (line.lineTotal - line.promotionDiscount) / BigInt(line.quantity);
}

function withPromotion(line: ListLine, promotion: Promotion | null): PricedLine {
  const lineTotal = line.unitPrice * BigInt(line.quantity);
  const discount = promotion ? discountOf(promotion, line.unitPrice, line.quantity) : 0n;
  return {
    ...line,
    lineTotal,
    promotionId: promotion && discount > 0n ? promotion.id : null,
    promotionDiscount: discount,
    promotion:
      promotion && discount > 0n ? { nameKo: promotion.nameKo, nameEn: promotion.nameEn, limited: promotion.perPersonDailyLimit !== null } : null,
    couponId: null,
    couponDiscount: 0n,
    coupon: null,
    netTotal: lineTotal - discount,
  };
}

async function usedToday(tx: DbOrTx, promotionId: string, userId: string, businessDate: string, lock: boolean) {
  if (lock) {
    await tx.insert(promotionUses).values({ promotionId, userId, businessDate, quantity: 0 }).onConflictDoNothing();
  }
  const query = tx
    .select({ quantity: promotionUses.quantity })
    .from(promotionUses)
    .where(and(eq(promotionUses.promotionId, promotionId), eq(promotionUses.userId, userId), eq(promotionUses.businessDate, businessDate)));
  const [row] = lock ? await query.for("update") : await query;
  return row?.quantity ?? 0;
}

/** Writes what a claimed pricing took: the payer's promotion uses and the coupons, now used by `orderId`. */
export async function recordClaims(tx: DbOrTx, input: { priced: PricedOrder; payerId: string | null; orderId: string; now: Date }) {
  if (input.payerId) {
    for (const [promotionId, quantity] of input.priced.promotionUses) {
      await tx
        .update(promotionUses)
        .set({ quantity: sql`${promotionUses.quantity} + ${quantity}` })
        .where(
          and(
            eq(promotionUses.promotionId, promotionId),
            eq(promotionUses.userId, input.payerId),
            eq(promotionUses.businessDate, input.priced.businessDate),
          ),
        );
    }
  }
  const couponIds = input.priced.lines.flatMap((line) => (line.couponId ? [line.couponId] : []));
  if (couponIds.length > 0) {
    const used = await tx
      .update(coupons)
      .set({ status: "used", usedOrderId: input.orderId, usedAt: input.now })
      .where(and(inArray(coupons.id, couponIds), eq(coupons.status, "active")))
      .returning({ id: coupons.id });
    if (used.length !== couponIds.length) throw new DomainError("CONFLICT", "couponUsed", "this coupon was already used");
  }
}

/** A discount as receipts show it, under the cart line it belongs to (null when the cart is not known). */
export type LineDiscount = { cartIndex: number | null; kind: "promotion" | "coupon"; nameKo: string; nameEn: string; amount: bigint };

export function lineDiscounts(lines: readonly PricedLine[]): LineDiscount[] {
  const out: LineDiscount[] = [];
  const add = (entry: LineDiscount) => {
    const same = out.find((row) => row.cartIndex === entry.cartIndex && row.kind === entry.kind && row.nameKo === entry.nameKo);
    if (same) same.amount += entry.amount;
    else out.push(entry);
  };
  for (const line of lines) {
    if (line.promotion && line.promotionDiscount > 0n) add({ cartIndex: line.cartIndex, kind: "promotion", ...names(line.promotion), amount: line.promotionDiscount });
    if (line.coupon && line.couponDiscount > 0n) add({ cartIndex: line.cartIndex, kind: "coupon", ...names(line.coupon), amount: line.couponDiscount });
  }
  return out;
}

const names = (row: { nameKo: string; nameEn: string }) => ({ nameKo: row.nameKo, nameEn: row.nameEn });
