import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuItems, orderLines, orders, paymentTenders, users, type TenderKind } from "@/db/schema";
import { bookDiscounts } from "../pricing/book-discounts";
import { lineDiscounts, type LineDiscount, type PricedOrder } from "../pricing/price-order";
import { storedLineDiscounts } from "../pricing/stored-discounts";
import { earnStamps, type StampOutcome } from "../loyalty/stamps";
import { DomainError } from "../errors";
import { lockAccounts, walletOf } from "../ledger/accounts";
import { announceOrder, payerIdsOf } from "../orders/events";
import { postTransfer } from "../ledger/post-transfer";
import { candidateGrants } from "../vouchers/grants";
import { makeDueGrants } from "../vouchers/plans";
import { COMPANY_TIME_ZONE } from "../vouchers/policies";
import { businessDate } from "../time";
import { mostTellingRefusal, voucherRefusal, type VoucherRefusal } from "../vouchers/usability";
import { splitAmongPayers, type Leg, type Remainder, type VoucherSource, type WalletSplit } from "./split";

export type PayOrderInput = {
  orderId: string;
  /** The store of the kiosk taking the payment; an order of another store is not found. */
  storeId: string;
  /**
   * The employees paying, in scan order (from their pay codes): none for a walk-in paying by
   * card or cash only, one usually, several for a group payment.
   */
  payerIds: string[];
  /** Set when the payers came from verified pay codes, which already checked they are active employees. */
  payersVerified?: boolean;
  walletSplit?: WalletSplit;
  remainder: Remainder;
  actorId: string;
  now: Date;
};

export type PaymentResult = {
  orderId: string;
  pickupNumber: number;
  total: bigint;
  tenders: { kind: TenderKind; amount: bigint; meal?: string; grantId?: string }[];
  changeDue: bigint;
  /** The first payer's wallet after paying; null for a walk-in. */
  walletBalance: bigint | null;
  /** Why the payers' meal vouchers did not pay, when they had one that could not be used here and now. */
  voucherRefusal: VoucherRefusal | null;
  /** Per person: what their voucher and wallet paid. */
  payers: { employeeId: string; name: string; voucher: bigint; wallet: bigint }[];
  /** List price, and what promotions and coupons took off it (total = subtotal − both). */
  subtotal: bigint;
  promotionDiscount: bigint;
  couponDiscount: bigint;
  /** Stamps the first payer earned, per program, and reward coupons issued. */
  stamps: StampOutcome[];
  /** Each discount under the cart line it belongs to, for the result screen and the receipt. */
  discounts: LineDiscount[];
};

/** Seams for tests that must prove a failure part-way leaves nothing behind. */
export type PaymentHooks = { afterLeg?: (leg: Leg["kind"]) => Promise<void> | void };

const sourceKindFor = { card: "card_clearing", cash: "store_cash_drawer" } as const;

/**
 * Pays a pending order: check → lock (order, then accounts in id order) → split → one
 * ledger transfer per tender → mark paid. Runs inside the caller's transaction, so either
 * every leg is written or none is.
 */
export async function payOrder(args: {
  tx: DbOrTx;
  input: PayOrderInput;
  hooks?: PaymentHooks;
  /** The order when this transaction just created it: no one else can see it yet, so it need not be read and locked. */
  created?: typeof orders.$inferSelect & { lines?: (typeof orderLines.$inferSelect)[]; priced?: PricedOrder };
}): Promise<PaymentResult> {
  const { tx, input, hooks } = args;
  const [order] = args.created
    ? [args.created]
    : await tx
        .select()
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.storeId, input.storeId)))
        .for("no key update");
  if (!order) throw new DomainError("NOT_FOUND", "orderNotFound", "order not found at this store");
  if (order.status !== "pending_payment") {
    throw new DomainError("CONFLICT", "orderNotPayable", `the order is ${order.status}, not waiting for payment`);
  }

  if (new Set(input.payerIds).size !== input.payerIds.length) {
    throw new DomainError("BAD_REQUEST", "groupPayerRepeated", "the same person cannot pay twice in one order");
  }
  // Shared row locks on the payers, before any tender is written: a department move (an update
  // of the row) waits for this payment to commit, so it re-files this payment in the reports too.
  const payerRows = input.payerIds.length
    ? await tx
        .select({ id: users.id, name: users.name, status: users.status, role: users.role })
        .from(users)
        .where(inArray(users.id, input.payerIds))
        .orderBy(users.id)
        .for("share")
    : [];
  // A planned day the jobs runner has not made yet is made now, so its voucher can pay; every
  // payer in one step, so two group payments never take budget shards in opposite orders.
  if (input.payerIds.length > 0) await makeDueGrants(tx, { now: input.now, employeeIds: input.payerIds });
  const sources = await Promise.all(
    input.payerIds.map(async (payerId) => {
      const payer = payerRows.find((row) => row.id === payerId);
      if (!payer || payer.role !== "employee") throw new DomainError("NOT_FOUND", "payerNotFound", "payer not found");
      if (!input.payersVerified && payer.status !== "active") {
        throw new DomainError("FORBIDDEN", "payerSuspended", "the payer's account is not active");
      }
      const [grants, wallet] = await Promise.all([candidateGrants(tx, payerId, input.now), walletOf(tx, payerId)]);
      const refusals: VoucherRefusal[] = [];
      const vouchers: VoucherSource[] = [];
      const capped: CappedGrant[] = [];
      const categoriesOf = new Map<string, string[] | null>();
      for (const grant of grants) {
        // In a group payment a grant its policy keeps out of 함께결제 pays nothing: the wallet pays instead.
        if (input.payerIds.length > 1 && !grant.groupPaymentAllowed) continue;
        const reason = voucherRefusal(grant, { now: input.now, storeId: input.storeId });
        if (reason) refusals.push(reason);
        else {
          vouchers.push({ grantId: grant.id, accountId: grant.accountId, meal: grant.meal, balance: grant.balance });
          categoriesOf.set(grant.id, grant.categoryIds);
          if (grant.dailyCap !== null && grant.policyId !== null) capped.push({ grantId: grant.id, policyId: grant.policyId, cap: grant.dailyCap });
        }
      }
      // Two tills paying from two different grants of one capped policy must still take turns:
      // every grant of that policy is locked, even those that cannot pay here (another store's).
      const cappedPolicies = new Set(capped.map((grant) => grant.policyId));
      const capLockIds = grants.filter((grant) => grant.policyId !== null && cappedPolicies.has(grant.policyId)).map((grant) => grant.accountId);
      return { payerId, name: payer.name, vouchers, capped, categoriesOf, capLockIds, walletId: wallet?.id ?? null, refusals };
    }),
  );
  const refusal = sources.some((source) => source.vouchers.length > 0) ? null : mostTellingRefusal(sources.flatMap((source) => source.refusals));

  const lines = args.created?.lines ?? (await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)));
  const promotionDiscount = lines.reduce((sum, line) => sum + line.promotionDiscount, 0n);
  const couponDiscount = lines.reduce((sum, line) => sum + line.couponDiscount, 0n);
  const voucherLines = await voucherPayableLines(tx, lines, sources.flatMap((source) => [...source.categoriesOf.values()]));
  const expenseRefs = [
    ...(promotionDiscount > 0n ? [{ kind: "promotion_expense" as const, storeId: null }] : []),
    ...(couponDiscount > 0n ? [{ kind: "coupon_expense" as const, storeId: null }] : []),
  ];

  const { balances, systemIds } = await lockAccounts(
    tx,
    sources.flatMap((source) => [
      ...(source.walletId ? [source.walletId] : []),
      ...source.vouchers.map((voucher) => voucher.accountId),
      ...source.capLockIds,
    ]),
    [
      { kind: "store_revenue", storeId: input.storeId },
      ...(input.remainder.method === "none"
        ? []
        : input.remainder.method === "pg"
          ? // Online card money arrives through the PG, company-wide, not at a store's terminal.
            [{ kind: "pg_clearing" as const, storeId: null }]
          : [{ kind: sourceKindFor[input.remainder.method], storeId: input.storeId }]),
      ...expenseRefs,
    ],
  );
  const [revenueId] = systemIds;
  const remainderSourceId = input.remainder.method === "none" ? null : (systemIds[1] ?? null);
  const expenseIds = systemIds.slice(input.remainder.method === "none" ? 1 : 2);
  const promotionExpenseId = promotionDiscount > 0n ? (expenseIds[0] ?? null) : null;
  const couponExpenseId = couponDiscount > 0n ? (expenseIds[promotionDiscount > 0n ? 1 : 0] ?? null) : null;
  if (!revenueId) throw new Error("payment: no revenue account locked");
  // Read under the locks of every grant of the capped policies: a concurrent payment from any
  // of them waits, so this sees what it paid and the two together never pass the cap.
  const spentToday = await voucherSpentToday(tx, {
    pairs: sources.flatMap((source) => source.capped.map((grant) => ({ employeeId: source.payerId, policyId: grant.policyId }))),
    now: input.now,
  });
  const dailyCapOf = (payerId: string, grantId: string, capped: readonly CappedGrant[]) => {
    const grant = capped.find((entry) => entry.grantId === grantId);
    if (!grant) return null;
    const key = `${payerId}:${grant.policyId}`;
    return { key, cap: grant.cap, spent: spentToday.get(key) ?? 0n };
  };
  // Balances read before the lock may be stale; the split uses the ones under the lock.
  const split = splitAmongPayers({
    total: order.total,
    payers: sources.map((source) => ({
      payerId: source.payerId,
      vouchers: source.vouchers.map((voucher) => ({
        ...voucher,
        balance: balances.get(voucher.accountId) ?? 0n,
        dailyCap: dailyCapOf(source.payerId, voucher.grantId, source.capped),
        lineKeys: voucherLines.keysFor(source.categoriesOf.get(voucher.grantId) ?? null),
      })),
      wallet: source.walletId ? { accountId: source.walletId, balance: balances.get(source.walletId) ?? 0n } : null,
    })),
    walletSplit: input.walletSplit ?? "first",
    remainder: input.remainder,
    lines: voucherLines.lines,
  });
  if (!split.ok) {
    const excluded = voucherLines.excluded(sources.flatMap((source) => source.vouchers.map((voucher) => source.categoriesOf.get(voucher.grantId) ?? null)));
    throw new DomainError(
      "PRECONDITION_FAILED",
      split.reason,
      split.reason === "cashShort" ? "the cash handed over does not cover the order" : "the balance is not enough for this payment",
      { shortfall: Number(split.shortfall), ...(refusal ? { voucherRefusal: refusal } : {}), ...excluded },
    );
  }

  const tenderRows: (typeof paymentTenders.$inferInsert)[] = [];
  for (const [index, leg] of split.legs.entries()) {
    const fromId = leg.kind === "voucher" || leg.kind === "wallet" ? leg.accountId : remainderSourceId;
    if (!fromId) throw new Error("payment: no source account for the remainder");
    const transferId = await postTransfer(tx, {
      kind: "payment",
      orderId: order.id,
      createdBy: input.actorId,
      memo: `${leg.kind} for order ${order.pickupNumber}`,
      entries: [
        { accountId: fromId, amount: -leg.amount },
        { accountId: revenueId, amount: leg.amount },
      ],
    });
    tenderRows.push({
      orderId: order.id,
      sequence: index + 1,
      kind: leg.kind,
      payerId: leg.kind === "voucher" || leg.kind === "wallet" ? leg.payerId : null,
      accountId: fromId,
      grantId: leg.kind === "voucher" ? leg.grantId : null,
      amount: leg.amount,
      reference: leg.kind === "card" ? leg.approvalNumber : null,
      terminalId: leg.kind === "card" ? (leg.terminal?.terminalId ?? null) : null,
      terminalReference: leg.kind === "card" ? (leg.terminal?.reference ?? null) : null,
      cashTendered: leg.kind === "cash" ? leg.tendered : null,
      transferId,
    });
    await hooks?.afterLeg?.(leg.kind);
  }
  if (tenderRows.length > 0) await tx.insert(paymentTenders).values(tenderRows);
  await bookDiscounts(tx, {
    direction: "payment",
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    revenueId,
    promotionExpenseId,
    couponExpenseId,
    parts: lines,
    actorId: input.actorId,
  });
  const stamps = await earnStamps(tx, {
    order: { id: order.id, storeId: order.storeId, total: order.total },
    payerId: input.payerIds[0] ?? null,
    lines,
    tenders: split.legs.map((leg) => ({ kind: leg.kind, amount: leg.amount })),
    now: input.now,
  });

  await tx
    .update(orders)
    .set({ status: "paid", payerId: input.payerIds[0] ?? null, paidAt: input.now, updatedAt: input.now })
    .where(eq(orders.id, order.id));
  await announceOrder(tx, {
    storeId: order.storeId,
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    status: "paid",
    source: order.source,
    payerIds: payerIdsOf(input.payerIds[0] ?? null, tenderRows.map((row) => row.payerId ?? null)),
  });

  const paidBy = (payerId: string, kind: "voucher" | "wallet") =>
    split.legs.reduce((sum, leg) => sum + (leg.kind === kind && leg.payerId === payerId ? leg.amount : 0n), 0n);
  const first = sources[0];
  const walletBalance = first?.walletId ? (balances.get(first.walletId) ?? 0n) - paidBy(first.payerId, "wallet") : null;
  return {
    orderId: order.id,
    pickupNumber: order.pickupNumber,
    total: order.total,
    tenders: split.legs.map((leg) => ({
      kind: leg.kind,
      amount: leg.amount,
      ...(leg.kind === "voucher" ? { meal: leg.meal, grantId: leg.grantId } : {}),
    })),
    changeDue: split.changeDue,
    walletBalance,
    voucherRefusal: refusal,
    payers: sources.map((source) => ({
      employeeId: source.payerId,
      name: source.name,
      voucher: paidBy(source.payerId, "voucher"),
      wallet: paidBy(source.payerId, "wallet"),
    })),
    subtotal: order.subtotal,
    promotionDiscount,
    couponDiscount,
    stamps,
    discounts: args.created?.priced
      ? lineDiscounts(args.created.priced.lines)
      : promotionDiscount + couponDiscount > 0n
        ? await storedLineDiscounts(tx, lines)
        : [],
  };
}


type CappedGrant = { grantId: string; policyId: string; cap: bigint };

/**
 * What each (employee, policy) has paid from its voucher grants on today's business date in
 * the company time zone, net of refunds, keyed `${employeeId}:${policyId}`.
 */
export async function voucherSpentToday(tx: DbOrTx, args: { pairs: { employeeId: string; policyId: string }[]; now: Date }) {
  const spent = new Map<string, bigint>();
  if (args.pairs.length === 0) return spent;
  const employeeIds = [...new Set(args.pairs.map((pair) => pair.employeeId))];
  const policyIds = [...new Set(args.pairs.map((pair) => pair.policyId))];
  const day = businessDate(args.now, COMPANY_TIME_ZONE);
  const rows = await tx.execute<{ employee_id: string; policy_id: string; total: string }>(sql`
    select g.employee_id, g.policy_id, sum(t.amount - t.refunded_amount)::text as total
    from payment_tenders t
    join voucher_grants g on g.id = t.grant_id
    join orders o on o.id = t.order_id
    where t.kind = 'voucher'
      and g.employee_id = any(${`{${employeeIds.join(",")}}`}::uuid[])
      and g.policy_id = any(${`{${policyIds.join(",")}}`}::uuid[])
      and o.paid_at >= (${day}::date)::timestamp at time zone ${COMPANY_TIME_ZONE}
      and o.paid_at < (${day}::date + 1)::timestamp at time zone ${COMPANY_TIME_ZONE}
    group by 1, 2`);
  for (const row of rows) spent.set(`${row.employee_id}:${row.policy_id}`, BigInt(row.total));
  return spent;
}

/**
 * The order's lines as category-restricted vouchers see them: each line's net and menu
 * category, which lines a grant's categories let it pay for, and — for the refusal — the
 * items none of the payers' vouchers may pay for, named in both languages.
 */
async function voucherPayableLines(tx: DbOrTx, lines: readonly (typeof orderLines.$inferSelect)[], grantCategories: readonly (string[] | null)[]) {
  const restricted = grantCategories.some((categories) => categories !== null);
  const itemIds = [...new Set(lines.map((line) => line.menuItemId))];
  const categoryOfItem = new Map(
    restricted && itemIds.length > 0
      ? (await tx.select({ id: menuItems.id, categoryId: menuItems.categoryId }).from(menuItems).where(inArray(menuItems.id, itemIds))).map((row) => [
          row.id,
          row.categoryId,
        ])
      : [],
  );
  const keysFor = (categories: readonly string[] | null) =>
    categories === null ? null : lines.filter((line) => categories.includes(categoryOfItem.get(line.menuItemId) ?? "")).map((line) => line.id);
  return {
    lines: restricted ? lines.map((line) => ({ key: line.id, net: line.netTotal })) : undefined,
    keysFor,
    excluded(usable: readonly (string[] | null)[]): { voucherExcludedKo?: string; voucherExcludedEn?: string } {
      if (!usable.some((categories) => categories !== null) || usable.some((categories) => categories === null)) return {};
      const payable = new Set(usable.flatMap((categories) => keysFor(categories) ?? []));
      const left = lines.filter((line) => line.netTotal > 0n && !payable.has(line.id));
      if (left.length === 0) return {};
      const names = (pick: (line: (typeof lines)[number]) => string) => [...new Set(left.map(pick))].join(", ");
      return { voucherExcludedKo: names((line) => line.nameKo), voucherExcludedEn: names((line) => line.nameEn) };
    },
  };
}
