import { minBigInt } from "../money";

/**
 * `dailyCap`: the grant's policy caps what one employee spends from it per day; `key` names
 * the (employee, policy) whose spending counts against it, `spent` what was already paid today.
 * `lineKeys`: the order lines (of `lines` given to the split) the grant may pay for, when its
 * policy allows only some menu categories; null or absent means every line.
 */
export type VoucherSource = {
  grantId: string;
  accountId: string;
  meal: string;
  balance: bigint;
  dailyCap?: { key: string; cap: bigint; spent: bigint } | null;
  lineKeys?: readonly string[] | null;
};
/** An order line's net (after promotions and coupons), which category-restricted vouchers pay from. */
export type SplitLine = { key: string; net: bigint };
export type WalletSource = { accountId: string; balance: bigint };
export type PayerSources = { payerId: string; vouchers: readonly VoucherSource[]; wallet: WalletSource | null };
/** A card charge as the kiosk's terminal knows it: a refund later cancels against it. */
export type TerminalCharge = { terminalId: string; reference: string };

export type Remainder =
  | { method: "none" }
  | { method: "card"; approvalNumber?: string; terminal?: TerminalCharge }
  | { method: "cash"; tendered: bigint }
  /**
   * A card share paid online through the PG before the order is booked (order ahead): its
   * amount is fixed by the checkout, so vouchers and wallets must cover exactly the rest.
   */
  | { method: "pg"; amount: bigint; paymentKey: string };
/** How a group shares what its vouchers leave: evenly across wallets, or all on the first person. */
export type WalletSplit = "even" | "first";

export type Leg =
  | { kind: "voucher"; amount: bigint; accountId: string; grantId: string; meal: string; payerId: string }
  | { kind: "wallet"; amount: bigint; accountId: string; payerId: string }
  | { kind: "card"; amount: bigint; approvalNumber: string | null; terminal: TerminalCharge | null; pgPaymentKey?: string }
  | { kind: "cash"; amount: bigint; tendered: bigint };

export type Split =
  | { ok: true; legs: Leg[]; changeDue: bigint }
  | { ok: false; reason: "insufficientBalance"; shortfall: bigint }
  | { ok: false; reason: "cashShort"; shortfall: bigint };

/**
 * The default tender order of DESIGN.md, for one payer or a group: each person's vouchers
 * usable here and now (in scan order, each person's soonest to expire first) → wallets
 * (the rest split evenly, the first people taking the odd won, or all on the first person)
 * → whatever no wallet could cover by card or cash. Nobody's wallet pays more than their
 * share. Pure, so every rule is tested without a database.
 */
export function splitAmongPayers(input: {
  total: bigint;
  payers: readonly PayerSources[];
  walletSplit: WalletSplit;
  remainder: Remainder;
  /** Needed only when a voucher has `lineKeys`; their nets sum to `total`. */
  lines?: readonly SplitLine[];
}): Split {
  const legs: Leg[] = [];
  const online = input.remainder.method === "pg" ? input.remainder.amount : 0n;
  if (online < 0n || online > input.total) return { ok: false, reason: "insufficientBalance", shortfall: 0n };
  let due = input.total - online;
  // What each capped (employee, policy) has paid today, including the legs of this split.
  const spentToday = new Map<string, bigint>();
  const lineRoom = lineLedger(input.lines, input.payers);
  for (const payer of input.payers) {
    for (const voucher of payer.vouchers) {
      const cap = voucher.dailyCap;
      const room = cap ? cap.cap - (spentToday.get(cap.key) ?? cap.spent) : voucher.balance;
      const amount = minBigInt(minBigInt(minBigInt(voucher.balance, room), due), lineRoom.roomFor(voucher));
      if (amount <= 0n) continue;
      if (cap) spentToday.set(cap.key, (spentToday.get(cap.key) ?? cap.spent) + amount);
      lineRoom.take(voucher, amount);
      legs.push({ kind: "voucher", amount, accountId: voucher.accountId, grantId: voucher.grantId, meal: voucher.meal, payerId: payer.payerId });
      due -= amount;
    }
  }

  const count = BigInt(input.payers.length);
  const shareOf = (index: number) => {
    if (input.walletSplit === "first" || count <= 1n) return index === 0 ? due : 0n;
    return due / count + (BigInt(index) < due % count ? 1n : 0n);
  };
  let uncovered = 0n;
  const shares = input.payers.map((_, index) => shareOf(index));
  for (const [index, payer] of input.payers.entries()) {
    const share = shares[index] ?? 0n;
    const amount = payer.wallet ? minBigInt(payer.wallet.balance, share) : 0n;
    if (payer.wallet && amount > 0n) legs.push({ kind: "wallet", amount, accountId: payer.wallet.accountId, payerId: payer.payerId });
    uncovered += share - amount;
  }
  if (input.payers.length === 0) uncovered = due;

  if (input.remainder.method === "pg") {
    if (uncovered > 0n) return { ok: false, reason: "insufficientBalance", shortfall: uncovered };
    if (online > 0n) {
      const { paymentKey } = input.remainder;
      legs.push({ kind: "card", amount: online, approvalNumber: paymentKey, terminal: null, pgPaymentKey: paymentKey });
    }
    return { ok: true, legs, changeDue: 0n };
  }
  const changeIfCash = input.remainder.method === "cash" ? input.remainder.tendered : 0n;
  if (uncovered === 0n) return { ok: true, legs, changeDue: changeIfCash };
  switch (input.remainder.method) {
    case "none":
      return { ok: false, reason: "insufficientBalance", shortfall: uncovered };
    case "card":
      legs.push({ kind: "card", amount: uncovered, approvalNumber: input.remainder.approvalNumber ?? null, terminal: input.remainder.terminal ?? null });
      return { ok: true, legs, changeDue: 0n };
    case "cash":
      if (input.remainder.tendered < uncovered) return { ok: false, reason: "cashShort", shortfall: uncovered - input.remainder.tendered };
      legs.push({ kind: "cash", amount: uncovered, tendered: input.remainder.tendered });
      return { ok: true, legs, changeDue: input.remainder.tendered - uncovered };
  }
}

/**
 * What is left of each line for vouchers to pay. A voucher takes from the lines fewest later
 * restricted vouchers may pay for first, so an any-category voucher ahead in the tender order
 * does not use up the only lines a restricted one could have paid. Without lines given, every
 * voucher may pay for the whole order, as before categories existed.
 */
function lineLedger(lines: readonly SplitLine[] | undefined, payers: readonly PayerSources[]) {
  const vouchers = payers.flatMap((payer) => payer.vouchers);
  if (!lines) {
    if (vouchers.some((voucher) => voucher.lineKeys)) throw new Error("split: a category-restricted voucher needs the order's lines");
    return { roomFor: (voucher: VoucherSource) => voucher.balance, take: (_voucher: VoucherSource, _amount: bigint) => {} };
  }
  const left = new Map(lines.map((line) => [line.key, line.net]));
  const allowed = (voucher: VoucherSource) => voucher.lineKeys ?? lines.map((line) => line.key);
  return {
    roomFor: (voucher: VoucherSource) => allowed(voucher).reduce((sum, key) => sum + (left.get(key) ?? 0n), 0n),
    take: (voucher: VoucherSource, amount: bigint) => {
      const later = vouchers.slice(vouchers.indexOf(voucher) + 1);
      const demand = (key: string) => later.filter((other) => other.lineKeys?.includes(key)).length;
      const order = [...allowed(voucher)].sort((a, b) => demand(a) - demand(b));
      let rest = amount;
      for (const key of order) {
        const take = minBigInt(left.get(key) ?? 0n, rest);
        left.set(key, (left.get(key) ?? 0n) - take);
        rest -= take;
      }
    },
  };
}

/**
 * What the vouchers will pay of this cart: a voucher whose policy names menu categories pays
 * only for those lines' net, and a capped policy's grants no more than today's cap leaves. The
 * payment's own split rules, run on the cart, so the phone's preview and the payment agree.
 */
export function voucherCover(
  total: bigint,
  vouchers: readonly { balance: bigint; categoryIds: readonly string[] | null; dailyCap?: VoucherSource["dailyCap"] }[],
  lines: readonly { categoryId: string; net: bigint }[],
): bigint {
  const keyed = lines.map((line, index) => ({ key: String(index), net: line.net, categoryId: line.categoryId }));
  const split = splitAmongPayers({
    total,
    // As at the payment: lines matter only when some voucher is limited to categories.
    lines: vouchers.some((voucher) => voucher.categoryIds !== null) ? keyed : undefined,
    payers: [
      {
        payerId: "me",
        wallet: null,
        vouchers: vouchers.map((voucher, index) => ({
          grantId: String(index),
          accountId: String(index),
          meal: "",
          balance: voucher.balance,
          dailyCap: voucher.dailyCap ?? null,
          lineKeys: voucher.categoryIds === null ? null : keyed.filter((line) => voucher.categoryIds?.includes(line.categoryId)).map((line) => line.key),
        })),
      },
    ],
    walletSplit: "first",
    // A card remainder always splits, leaving just the vouchers' legs to add up.
    remainder: { method: "card" },
  });
  return split.ok ? split.legs.reduce((sum, leg) => sum + (leg.kind === "voucher" ? leg.amount : 0n), 0n) : 0n;
}
