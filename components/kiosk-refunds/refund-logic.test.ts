import { describe, expect, it } from "vitest";
import { appendPinDigit, composeReason, isRefundable, pinComplete, refundAmount, selectAll, selectedLines } from "./refund-logic";

const lineA = { id: "a", unitPrice: 3_000n, quantity: 2, refundedQuantity: 0 };
const lineB = { id: "b", unitPrice: 3_500n, quantity: 1, refundedQuantity: 0 };
const order = { status: "paid", total: 9_000n, refundedAmount: 0n, lines: [lineA, lineB] };

describe("the refund screen's amount", () => {
  it("is the chosen units' prices, and exactly what is left when everything is chosen", () => {
    expect(refundAmount(order, {})).toBe(0n);
    expect(refundAmount(order, { a: 1 })).toBe(3_000n);
    // 9,500 of items on a 9,000 order (a 500 discount): everything gives back exactly 9,000.
    expect(refundAmount(order, selectAll(order))).toBe(9_000n);
    expect(refundAmount(order, { a: 2 })).toBe(6_000n);
  });

  it("never goes past what the order still holds, nor past a line's remaining quantity", () => {
    const partly = { ...order, refundedAmount: 6_000n, lines: [{ ...lineA, refundedQuantity: 2 }, lineB] };
    expect(refundAmount(partly, { a: 1 })).toBe(0n);
    expect(refundAmount(partly, { b: 1 })).toBe(3_000n);
    expect(selectedLines(partly, { a: 2, b: 5 })).toEqual([{ lineId: "b", quantity: 1 }]);
    expect(isRefundable(partly)).toBe(true);
    expect(isRefundable({ ...partly, refundedAmount: 9_000n })).toBe(false);
  });

  it("composes the reason and takes a 4–6 digit PIN", () => {
    expect(composeReason("고객 변심", "  ")).toBe("고객 변심");
    expect(composeReason("주문 실수", "라떼를 아메리카노로")).toBe("주문 실수: 라떼를 아메리카노로");
    expect(composeReason(null, "직접 쓴 사유")).toBe("직접 쓴 사유");
    let pin = "";
    for (const digit of "12345678x") pin = appendPinDigit(pin, digit);
    expect(pin).toBe("123456");
    expect(pinComplete("123")).toBe(false);
    expect(pinComplete("1234")).toBe(true);
  });
});

describe("refund amount of discounted lines", () => {
  it("gives back each unit's share of what the line cost after its discount, adding up to it exactly", () => {
    // 3 × 3,500 with 33% off = 7,035 paid.
    const line = { id: "d", unitPrice: 3_500n, quantity: 3, refundedQuantity: 0, netTotal: 7_035n };
    const order = { total: 7_035n, refundedAmount: 0n, lines: [line] };
    expect(refundAmount(order, { d: 1 })).toBe(2_345n);
    const after = { total: 7_035n, refundedAmount: 2_345n, lines: [{ ...line, refundedQuantity: 1 }] };
    expect(refundAmount(after, { d: 1 })).toBe(2_345n);
    expect(refundAmount(after, { d: 2 })).toBe(4_690n);
  });
});

