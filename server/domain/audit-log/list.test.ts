import { describe, expect, it } from "vitest";
import { diffAudit } from "./list";

describe("audit diff", () => {
  it("lists only the fields that changed, by path", () => {
    const before = { nameKo: "라떼", price: "4500", isSoldOut: false, choices: [{ nameEn: "Hot", priceDelta: "0" }, { nameEn: "Iced", priceDelta: "0" }] };
    const after = { nameKo: "라떼", price: "4800", isSoldOut: true, choices: [{ nameEn: "Hot", priceDelta: "0" }] };
    expect(diffAudit(before, after)).toEqual([
      { path: "price", before: "4500", after: "4800" },
      { path: "isSoldOut", before: false, after: true },
      { path: "choices.1.nameEn", before: "Iced", after: undefined },
      { path: "choices.1.priceDelta", before: "0", after: undefined },
    ]);
  });

  it("shows a created entity as all-new fields and an order change as one list", () => {
    expect(diffAudit(null, { name: "a" })).toEqual([{ path: "value", before: null, after: { name: "a" } }]);
    expect(diffAudit(undefined, { name: "a" })).toEqual([{ path: "name", before: undefined, after: "a" }]);
    expect(diffAudit({ order: ["a", "b"] }, { order: ["b", "a"] })).toEqual([{ path: "order", before: ["a", "b"], after: ["b", "a"] }]);
    expect(diffAudit({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
