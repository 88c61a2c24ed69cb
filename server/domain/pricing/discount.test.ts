import { describe, expect, it } from "vitest";
import { discountOf, fixedDiscount, percentDiscount, promotionLive, shareOf, type PromotionRule } from "./discount";

describe("discount arithmetic", () => {
  it("rounds a percentage discount down to the won, taken on the whole line", () => {
    // 33% of 9,999 is 3,299.67: the discount is 3,299, so the customer pays 6,700.
    expect(percentDiscount(9_999n, 33n)).toBe(3_299n);
    // On the line, not per unit: 3 × 3,333 = 9,999 → 3,299 (per unit it would be 3 × 1,099 = 3,297).
    expect(discountOf({ kind: "percent", value: 33n }, 3_333n, 3)).toBe(3_299n);
    expect(percentDiscount(1n, 50n)).toBe(0n);
    expect(percentDiscount(4_500n, 50n)).toBe(2_250n);
    expect(percentDiscount(4_500n, 100n)).toBe(4_500n);
  });

  it("takes a fixed discount per unit, never more than the unit's price", () => {
    expect(fixedDiscount(2_500n, 500n, 3)).toBe(1_500n);
    expect(fixedDiscount(300n, 500n, 2)).toBe(600n);
  });

  it("splits an amount over partial refunds so the parts add up to it exactly", () => {
    const parts = [shareOf(1_000n, 0, 1, 3), shareOf(1_000n, 1, 2, 3), shareOf(1_000n, 2, 3, 3)];
    expect(parts).toEqual([333n, 333n, 334n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(1_000n);
  });

  const rule: PromotionRule = {
    id: "p",
    kind: "percent",
    value: 50n,
    itemIds: ["i"],
    categoryIds: [],
    storeIds: ["s"],
    startsAt: new Date("2026-11-25T03:00:00Z"),
    endsAt: new Date("2026-11-27T03:00:00Z"),
    dailyStart: "14:00:00",
    dailyEnd: "15:00:00",
    weekdays: [3, 4],
    perPersonDailyLimit: null,
    isActive: true,
    createdAt: new Date(),
  };
  const at = (iso: string, time: string, isoWeekday = 3) => ({ now: new Date(iso), storeId: "s", local: { time, isoWeekday } });

  it("is live from its start minute and daily start, and over at its end minute and daily end", () => {
    expect(promotionLive(rule, at("2026-11-25T05:00:00Z", "14:00:00"))).toBe(true);
    expect(promotionLive(rule, at("2026-11-25T05:00:00Z", "13:59:59"))).toBe(false);
    expect(promotionLive(rule, at("2026-11-25T05:59:59Z", "14:59:59"))).toBe(true);
    expect(promotionLive(rule, at("2026-11-25T06:00:00Z", "15:00:00"))).toBe(false);
    expect(promotionLive({ ...rule, dailyStart: null, dailyEnd: null }, at("2026-11-25T02:59:59Z", "11:59:59"))).toBe(false);
    expect(promotionLive({ ...rule, dailyStart: null, dailyEnd: null }, at("2026-11-25T03:00:00Z", "12:00:00"))).toBe(true);
    expect(promotionLive({ ...rule, dailyStart: null, dailyEnd: null }, at("2026-11-27T03:00:00Z", "12:00:00", 5))).toBe(false);
    // Weekdays and stores.
    expect(promotionLive(rule, at("2026-11-25T05:00:00Z", "14:30:00", 5))).toBe(false);
    expect(promotionLive(rule, { ...at("2026-11-25T05:00:00Z", "14:30:00"), storeId: "other" })).toBe(false);
    expect(promotionLive({ ...rule, isActive: false }, at("2026-11-25T05:00:00Z", "14:30:00"))).toBe(false);
  });
});
