/**
 * The arithmetic of discounts, pure so every rule is tested without a database.
 *
 * Rounding rule: money is integer won and a discount never has a fraction. A percentage
 * discount is taken on the line (unit list price × quantity) and rounded DOWN to the won:
 *   discount = floor(lineTotal × percent / 100)
 * so the customer never pays a fraction and the discount never exceeds the stated percent.
 * A fixed discount is so many won off each unit, never more than the unit's price.
 */
export function percentDiscount(lineTotal: bigint, percent: bigint): bigint {
  if (lineTotal <= 0n || percent <= 0n) return 0n;
  const capped = percent > 100n ? 100n : percent;
  return (lineTotal * capped) / 100n;
}

export function fixedDiscount(unitPrice: bigint, perUnit: bigint, quantity: number): bigint {
  if (unitPrice <= 0n || perUnit <= 0n || quantity <= 0) return 0n;
  return (perUnit < unitPrice ? perUnit : unitPrice) * BigInt(quantity);
}

export type PromotionRule = {
  id: string;
  kind: "percent" | "fixed";
  value: bigint;
  itemIds: readonly string[];
  categoryIds: readonly string[];
  storeIds: readonly string[];
  startsAt: Date;
  endsAt: Date;
  /** "HH:MM:SS" in the store's time zone, or null for all day. */
  dailyStart: string | null;
  dailyEnd: string | null;
  /** ISO weekdays, 1 = Monday. */
  weekdays: readonly number[];
  perPersonDailyLimit: number | null;
  isActive: boolean;
  createdAt: Date;
};

export function discountOf(rule: Pick<PromotionRule, "kind" | "value">, unitPrice: bigint, quantity: number): bigint {
  return rule.kind === "percent" ? percentDiscount(unitPrice * BigInt(quantity), rule.value) : fixedDiscount(unitPrice, rule.value, quantity);
}

/** The scope test shared by promotions, stamp programs and coupons: empty lists mean "everything". */
export function inScope(scope: { itemIds: readonly string[]; categoryIds: readonly string[] }, item: { id: string; categoryId: string }) {
  if (scope.itemIds.length === 0 && scope.categoryIds.length === 0) return true;
  return scope.itemIds.includes(item.id) || scope.categoryIds.includes(item.categoryId);
}

/**
 * Whether a promotion is live at `now` at a store, given the store's wall clock there.
 * Boundaries: the start minute (and daily start) is inside, the end minute (and daily end) is outside.
 */
export function promotionLive(
  rule: PromotionRule,
  at: { now: Date; storeId: string; local: { time: string; isoWeekday: number } },
): boolean {
  if (!rule.isActive) return false;
  if (at.now < rule.startsAt || at.now >= rule.endsAt) return false;
  if (!rule.storeIds.includes(at.storeId)) return false;
  if (!rule.weekdays.includes(at.local.isoWeekday)) return false;
  if (rule.dailyStart && rule.dailyEnd) {
    if (at.local.time < rule.dailyStart || at.local.time >= rule.dailyEnd) return false;
  }
  return true;
}

/**
 * The part of `amount` that belongs to units `from`..`to` of `quantity` units, such that the
 * parts of successive partial refunds add up to exactly `amount` (each cumulative share is
 * floored, and the difference of two floors is taken).
 */
export function shareOf(amount: bigint, from: number, to: number, quantity: number): bigint {
  if (quantity <= 0) return 0n;
  const q = BigInt(quantity);
  return (amount * BigInt(to)) / q - (amount * BigInt(from)) / q;
}
