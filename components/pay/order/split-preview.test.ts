import { describe, expect, it } from "vitest";
import { previewSplit, suggestedTopUp, voucherCover } from "./split-preview";

describe("order-ahead payment preview", () => {
  it("takes the voucher first, then the wallet", () => {
    expect(previewSplit(11_000n, { voucher: 9_000n, wallet: 20_000n })).toEqual({ voucher: 9_000n, wallet: 2_000n, shortfall: 0n });
    expect(previewSplit(4_000n, { voucher: 9_000n, wallet: 20_000n })).toEqual({ voucher: 4_000n, wallet: 0n, shortfall: 0n });
  });

  it("says how much is missing when both fall short", () => {
    expect(previewSplit(6_000n, { voucher: 0n, wallet: 1_500n })).toEqual({ voucher: 0n, wallet: 1_500n, shortfall: 4_500n });
    expect(previewSplit(6_000n, { voucher: 2_000n, wallet: 0n })).toEqual({ voucher: 2_000n, wallet: 0n, shortfall: 4_000n });
  });

  it("suggests a top-up in whole thousands that covers the shortfall", () => {
    // Never under the card top-up's minimum of 10,000 won; whole thousands above it.
    expect(suggestedTopUp(4_500n)).toBe(10_000n);
    expect(suggestedTopUp(12_100n)).toBe(13_000n);
    expect(suggestedTopUp(14_000n)).toBe(14_000n);
    expect(suggestedTopUp(0n)).toBe(0n);
  });

  it("counts only the lines of a category-restricted voucher's categories, after discounts", () => {
    const lines = [
      { categoryId: "bakery", net: 4_000n },
      { categoryId: "goods", net: 12_000n },
    ];
    expect(voucherCover(16_000n, [{ balance: 9_000n, categoryIds: ["bakery"] }], lines)).toBe(4_000n);
    expect(voucherCover(16_000n, [{ balance: 9_000n, categoryIds: null }], lines)).toBe(9_000n);
    expect(voucherCover(16_000n, [{ balance: 9_000n, categoryIds: ["goods"] }, { balance: 9_000n, categoryIds: ["bakery"] }], lines)).toBe(13_000n);
  });
});
