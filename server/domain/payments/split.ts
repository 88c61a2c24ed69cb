import { minBigInt } from "../money";

export type VoucherSource = { grantId: string; accountId: string; meal: string; balance: bigint };
export type WalletSource = { accountId: string; balance: bigint };
export type Remainder = { method: "none" } | { method: "card"; approvalNumber?: string } | { method: "cash"; tendered: bigint };

export type Leg =
  | { kind: "voucher"; amount: bigint; accountId: string; grantId: string; meal: string }
  | { kind: "wallet"; amount: bigint; accountId: string }
  | { kind: "card"; amount: bigint; approvalNumber: string | null }
  | { kind: "cash"; amount: bigint; tendered: bigint };

export type Split =
  | { ok: true; legs: Leg[]; changeDue: bigint }
  | { ok: false; reason: "insufficientBalance"; shortfall: bigint }
  | { ok: false; reason: "cashShort"; shortfall: bigint };

/**
 * The default tender order of DESIGN.md: vouchers usable here and now (soonest to expire
 * first) → wallet → the rest by card or cash. Pure, so every rule is tested without a database.
 */
export function splitTender(input: {
  total: bigint;
  vouchers: readonly VoucherSource[];
  wallet: WalletSource | null;
  remainder: Remainder;
}): Split {
  const legs: Leg[] = [];
  let due = input.total;
  for (const voucher of input.vouchers) {
    const amount = minBigInt(voucher.balance, due);
    if (amount <= 0n) continue;
    legs.push({ kind: "voucher", amount, accountId: voucher.accountId, grantId: voucher.grantId, meal: voucher.meal });
    due -= amount;
  }
  if (input.wallet && due > 0n) {
    const amount = minBigInt(input.wallet.balance, due);
    if (amount > 0n) {
      legs.push({ kind: "wallet", amount, accountId: input.wallet.accountId });
      due -= amount;
    }
  }
  if (due === 0n) return { ok: true, legs, changeDue: input.remainder.method === "cash" ? input.remainder.tendered : 0n };
  switch (input.remainder.method) {
    case "none":
      return { ok: false, reason: "insufficientBalance", shortfall: due };
    case "card":
      legs.push({ kind: "card", amount: due, approvalNumber: input.remainder.approvalNumber ?? null });
      return { ok: true, legs, changeDue: 0n };
    case "cash":
      if (input.remainder.tendered < due) return { ok: false, reason: "cashShort", shortfall: due - input.remainder.tendered };
      legs.push({ kind: "cash", amount: due, tendered: input.remainder.tendered });
      return { ok: true, legs, changeDue: input.remainder.tendered - due };
  }
}
