import { describe, expect, it } from "vitest";
import { splitTender } from "./split";

const voucher = (balance: bigint, grantId = "g1") => ({ grantId, accountId: `acc-${grantId}`, meal: "lunch", balance });
const wallet = (balance: bigint) => ({ accountId: "wallet", balance });

describe("splitTender", () => {
  it("uses vouchers first, then the wallet, then the remainder method", () => {
    expect(splitTender({ total: 11_000n, vouchers: [voucher(9_000n)], wallet: wallet(20_000n), remainder: { method: "none" } })).toEqual({
      ok: true,
      changeDue: 0n,
      legs: [
        { kind: "voucher", amount: 9_000n, accountId: "acc-g1", grantId: "g1", meal: "lunch" },
        { kind: "wallet", amount: 2_000n, accountId: "wallet" },
      ],
    });
  });

  it("spends several vouchers in the given order and leaves unneeded ones alone", () => {
    const split = splitTender({ total: 5_000n, vouchers: [voucher(3_000n, "a"), voucher(3_000n, "b"), voucher(3_000n, "c")], wallet: null, remainder: { method: "none" } });
    expect(split.ok && split.legs.map((leg) => [leg.kind, leg.amount])).toEqual([
      ["voucher", 3_000n],
      ["voucher", 2_000n],
    ]);
  });

  it("puts what is left on the card, or takes cash with change", () => {
    const card = splitTender({ total: 4_500n, vouchers: [], wallet: wallet(1_000n), remainder: { method: "card", approvalNumber: "123" } });
    expect(card.ok && card.legs.at(-1)).toEqual({ kind: "card", amount: 3_500n, approvalNumber: "123" });
    const cash = splitTender({ total: 4_500n, vouchers: [], wallet: null, remainder: { method: "cash", tendered: 10_000n } });
    expect(cash).toMatchObject({ ok: true, changeDue: 5_500n, legs: [{ kind: "cash", amount: 4_500n, tendered: 10_000n }] });
  });

  it("says how much is missing when nothing else may pay", () => {
    expect(splitTender({ total: 4_500n, vouchers: [voucher(1_000n)], wallet: wallet(500n), remainder: { method: "none" } })).toEqual({
      ok: false,
      reason: "insufficientBalance",
      shortfall: 3_000n,
    });
    expect(splitTender({ total: 4_500n, vouchers: [], wallet: null, remainder: { method: "cash", tendered: 4_000n } })).toEqual({
      ok: false,
      reason: "cashShort",
      shortfall: 500n,
    });
  });

  it("skips empty sources and a free order needs no tender", () => {
    expect(splitTender({ total: 0n, vouchers: [voucher(9_000n)], wallet: wallet(0n), remainder: { method: "none" } })).toEqual({ ok: true, legs: [], changeDue: 0n });
    const split = splitTender({ total: 1_000n, vouchers: [voucher(0n)], wallet: wallet(0n), remainder: { method: "card" } });
    expect(split.ok && split.legs).toEqual([{ kind: "card", amount: 1_000n, approvalNumber: null }]);
  });
});
