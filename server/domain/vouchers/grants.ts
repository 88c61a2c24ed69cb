import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, voucherGrants, voucherPolicyVersions, type Meal } from "@/db/schema";
import { firstId, lockAccounts } from "../ledger/accounts";
import { postTransfer } from "../ledger/post-transfer";

export type GrantInput = {
  employeeId: string;
  meal: Meal;
  amount: bigint;
  validFrom: Date;
  validUntil: Date;
  windowStart?: string | null;
  windowEnd?: string | null;
  weekdays?: number[] | null;
  storeIds?: string[] | null;
  categoryIds?: string[] | null;
  timeZone?: string;
  serviceDate?: string | null;
  policyId?: string | null;
  allocationRunId?: string | null;
  createdBy?: string | null;
};

/** Gives an employee a voucher: a grant with its own account, funded from the company's voucher budget. */
export async function grantVoucher(args: { tx: DbOrTx; input: GrantInput }) {
  const { tx, input } = args;
  const [grant] = await tx
    .insert(voucherGrants)
    .values({
      employeeId: input.employeeId,
      meal: input.meal,
      amount: input.amount,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      windowStart: input.windowStart ?? null,
      windowEnd: input.windowEnd ?? null,
      weekdays: input.weekdays ?? null,
      storeIds: input.storeIds ?? null,
      categoryIds: input.categoryIds ?? null,
      timeZone: input.timeZone ?? "Asia/Seoul",
      serviceDate: input.serviceDate ?? null,
      policyId: input.policyId ?? null,
      allocationRunId: input.allocationRunId ?? null,
      createdBy: input.createdBy ?? null,
    })
    .returning();
  if (!grant) throw new Error("voucher grant insert returned nothing");
  const [account] = await tx
    .insert(accounts)
    .values({ kind: "voucher_grant", userId: input.employeeId, grantId: grant.id })
    .returning({ id: accounts.id });
  if (!account) throw new Error("voucher account insert returned nothing");
  const { systemIds } = await lockAccounts(tx, [account.id], [{ kind: "voucher_budget", storeId: null }]);
  const budget = firstId(systemIds);
  await postTransfer(tx, {
    kind: "voucher_grant",
    memo: `${input.meal} voucher`,
    createdBy: input.createdBy ?? null,
    entries: [
      { accountId: budget, amount: -input.amount },
      { accountId: account.id, amount: input.amount },
    ],
  });
  return { ...grant, accountId: account.id };
}

/**
 * Returns what is left on grants whose time is over to the company budget and marks them
 * expired. Runs in small batches with SKIP LOCKED so it never waits on a payment in flight
 * and several workers can share the work.
 */
export async function expireVoucherGrants(args: { tx: DbOrTx; input: { now: Date; batchSize?: number } }) {
  const { tx, input } = args;
  const due = await tx
    .select({ id: voucherGrants.id, accountId: accounts.id })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .where(and(eq(voucherGrants.status, "active"), lte(voucherGrants.validUntil, input.now)))
    .orderBy(asc(voucherGrants.validUntil))
    .limit(input.batchSize ?? 500)
    .for("update", { of: voucherGrants, skipLocked: true });
  let returned = 0n;
  if (due.length === 0) return { expired: 0, returned };
  // The whole batch's accounts and one budget shard in one statement, in id order: two
  // runners at once (two replicas, two CronJob pods) never hold one shard while waiting
  // for another, as they did when each grant locked a random shard of its own.
  const { balances, systemIds } = await lockAccounts(
    tx,
    due.map((grant) => grant.accountId),
    [{ kind: "voucher_budget", storeId: null }],
  );
  const budget = firstId(systemIds);
  for (const grant of due) {
    const left = balances.get(grant.accountId) ?? 0n;
    if (left > 0n) {
      await postTransfer(tx, {
        kind: "voucher_expiry",
        memo: "unused voucher value returned to the budget",
        entries: [
          { accountId: grant.accountId, amount: -left },
          { accountId: budget, amount: left },
        ],
      });
      returned += left;
    }
    await tx
      .update(voucherGrants)
      .set({ status: "expired", closedAt: input.now })
      .where(eq(voucherGrants.id, grant.id));
  }
  return { expired: due.length, returned };
}

/** Grants that might pay for this payer now: active, with value left, and not long past. */
export async function candidateGrants(tx: DbOrTx, employeeId: string, now: Date) {
  return tx
    .select({
      id: voucherGrants.id,
      meal: voucherGrants.meal,
      status: voucherGrants.status,
      validFrom: voucherGrants.validFrom,
      validUntil: voucherGrants.validUntil,
      windowStart: voucherGrants.windowStart,
      windowEnd: voucherGrants.windowEnd,
      weekdays: voucherGrants.weekdays,
      storeIds: voucherGrants.storeIds,
      categoryIds: voucherGrants.categoryIds,
      timeZone: voucherGrants.timeZone,
      accountId: accounts.id,
      balance: accounts.balance,
      groupPaymentAllowed: voucherGrants.groupPaymentAllowed,
      policyId: voucherGrants.policyId,
      // The policy version's per-day cap; null for manual grants (no version) and uncapped versions.
      dailyCap: voucherPolicyVersions.dailyCap,
    })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .leftJoin(voucherPolicyVersions, eq(voucherPolicyVersions.id, voucherGrants.policyVersionId))
    .where(
      and(
        eq(voucherGrants.employeeId, employeeId),
        eq(voucherGrants.status, "active"),
        gt(accounts.balance, 0n),
        gt(voucherGrants.validUntil, sql`${now.toISOString()}::timestamptz - interval '7 days'`),
      ),
    )
    .orderBy(asc(voucherGrants.validUntil));
}
