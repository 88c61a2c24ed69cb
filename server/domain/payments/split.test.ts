import { describe, expect, it } from "vitest";
import { splitAmongPayers, type PayerSources, type Remainder } from "./split";

const voucher = (balance: bigint, grantId = "g1") => ({ grantId, accountId: `acc-${grantId}`, meal: "lunch", balance });
const payer = (payerId: string, vouchers: bigint[], wallet: bigint | null): PayerSources => ({
  payerId,
  vouchers: vouchers.map((balance, index) => voucher(balance, `${payerId}-${index}`)),
  wallet: wallet === null ? null : { accountId: `wallet-${payerId}`, balance: wallet },
});
const one = (total: bigint, sources: PayerSources | null, remainder: Remainder = { method: "none" }) =>
  splitAmongPayers({ total, payers: sources ? [sources] : [], walletSplit: "first", remainder });
const amounts = (split: ReturnType<typeof one>) => (split.ok ? split.legs.map((leg) => [leg.kind, "payerId" in leg ? leg.payerId : "-", leg.amount]) : split);

describe("splitAmongPayers, one payer", () => {
  it("uses vouchers first, then the wallet, then the remainder method", () => {
    expect(one(11_000n, payer("a", [9_000n], 20_000n))).toEqual({
      ok: true,
      changeDue: 0n,
      legs: [
        { kind: "voucher", amount: 9_000n, accountId: "acc-a-0", grantId: "a-0", meal: "lunch", payerId: "a" },
        { kind: "wallet", amount: 2_000n, accountId: "wallet-a", payerId: "a" },
      ],
    });
  });

  it("spends several vouchers in the given order and leaves unneeded ones alone", () => {
    expect(amounts(one(5_000n, payer("a", [3_000n, 3_000n, 3_000n], null)))).toEqual([
      ["voucher", "a", 3_000n],
      ["voucher", "a", 2_000n],
    ]);
  });

  it("puts what is left on the card, or takes cash with change", () => {
    const card = one(4_500n, payer("a", [], 1_000n), { method: "card", approvalNumber: "123" });
    expect(card.ok && card.legs.at(-1)).toEqual({ kind: "card", amount: 3_500n, approvalNumber: "123", terminal: null });
    const cash = one(4_500n, null, { method: "cash", tendered: 10_000n });
    expect(cash).toMatchObject({ ok: true, changeDue: 5_500n, legs: [{ kind: "cash", amount: 4_500n, tendered: 10_000n }] });
  });

  it("says how much is missing when nothing else may pay", () => {
    expect(one(4_500n, payer("a", [1_000n], 500n))).toEqual({ ok: false, reason: "insufficientBalance", shortfall: 3_000n });
    expect(one(4_500n, null, { method: "cash", tendered: 4_000n })).toEqual({ ok: false, reason: "cashShort", shortfall: 500n });
    expect(one(4_500n, null)).toEqual({ ok: false, reason: "insufficientBalance", shortfall: 4_500n });
  });

  it("skips empty sources and a free order needs no tender", () => {
    expect(one(0n, payer("a", [9_000n], 0n))).toEqual({ ok: true, legs: [], changeDue: 0n });
    expect(amounts(one(1_000n, payer("a", [0n], 0n), { method: "card" }))).toEqual([["card", "-", 1_000n]]);
  });
});

describe("splitAmongPayers, a group (함께결제)", () => {
  const team = [payer("a", [9_000n], 50_000n), payer("b", [], 50_000n), payer("c", [9_000n], 50_000n)];

  it("spends each colleague's voucher, then splits the rest evenly, the first taking the odd won", () => {
    // 40,000 − 18,000 of vouchers = 22,000 → 7,334 + 7,333 + 7,333.
    const split = splitAmongPayers({ total: 40_000n, payers: team, walletSplit: "even", remainder: { method: "none" } });
    expect(amounts(split)).toEqual([
      ["voucher", "a", 9_000n],
      ["voucher", "c", 9_000n],
      ["wallet", "a", 7_334n],
      ["wallet", "b", 7_333n],
      ["wallet", "c", 7_333n],
    ]);
  });

  it("puts the whole rest on the first person when the barista chooses so", () => {
    const split = splitAmongPayers({ total: 40_000n, payers: team, walletSplit: "first", remainder: { method: "none" } });
    expect(amounts(split)).toEqual([
      ["voucher", "a", 9_000n],
      ["voucher", "c", 9_000n],
      ["wallet", "a", 22_000n],
    ]);
  });

  it("never takes more than a person's share: a short wallet leaves the gap to card, or refuses", () => {
    const poor = [payer("a", [], 50_000n), payer("b", [], 1_000n)];
    expect(splitAmongPayers({ total: 10_000n, payers: poor, walletSplit: "even", remainder: { method: "none" } })).toEqual({
      ok: false,
      reason: "insufficientBalance",
      shortfall: 4_000n,
    });
    const withCard = splitAmongPayers({ total: 10_000n, payers: poor, walletSplit: "even", remainder: { method: "card" } });
    expect(amounts(withCard)).toEqual([
      ["wallet", "a", 5_000n],
      ["wallet", "b", 1_000n],
      ["card", "-", 4_000n],
    ]);
  });

  it("vouchers that already cover the order leave wallets untouched", () => {
    expect(amounts(splitAmongPayers({ total: 12_000n, payers: team, walletSplit: "even", remainder: { method: "none" } }))).toEqual([
      ["voucher", "a", 9_000n],
      ["voucher", "c", 3_000n],
    ]);
  });
});

describe("splitAmongPayers, daily caps", () => {
  it("a capped voucher pays only the room left today, shared by grants of the same policy", () => {
    const cap = { key: "a:policy", cap: 6_000n, spent: 1_000n };
    const split = one(12_000n, {
      payerId: "a",
      vouchers: [
        { ...voucher(9_000n, "g1"), dailyCap: cap },
        { ...voucher(9_000n, "g2"), dailyCap: cap },
        voucher(2_000n, "g3"),
      ],
      wallet: { accountId: "wallet-a", balance: 20_000n },
    });
    expect(amounts(split)).toEqual([
      ["voucher", "a", 5_000n],
      ["voucher", "a", 2_000n],
      ["wallet", "a", 5_000n],
    ]);
  });
});
