import { and, eq, gte, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, voucherGrants } from "@/db/schema";
import { firstId, lockAccounts } from "../ledger/accounts";
import { postTransfer } from "../ledger/post-transfer";
import { cancelPlannedDays } from "../vouchers/plans";

/**
 * Takes back a leaver's vouchers that start at or after `from` and were never touched: their
 * whole value goes back to the company voucher budget in one balanced `voucher_revoke`
 * transfer and the grants are marked revoked. A grant that paid for anything stays as it is,
 * so a refund later still finds it. Allocation days still planned from then on are cancelled.
 */
export async function revokeFutureGrants(args: { tx: DbOrTx; input: { employeeId: string; from: Date; now: Date; actorId: string | null } }) {
  const { tx, input } = args;
  // Planned days first (a maker holding them finishes, so its grants are among the candidates below).
  const planned = await cancelPlannedDays(tx, { employeeId: input.employeeId, from: input.from });
  const candidates = await tx
    .select({ id: voucherGrants.id, amount: voucherGrants.amount, accountId: accounts.id })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .where(
      and(
        eq(voucherGrants.employeeId, input.employeeId),
        eq(voucherGrants.status, "active"),
        gte(voucherGrants.validFrom, input.from),
        eq(accounts.balance, voucherGrants.amount),
      ),
    )
    .for("update", { of: voucherGrants });
  if (candidates.length === 0) return { grants: 0, amount: 0n, grantIds: [] as string[], planned };

  // Balances are re-read under the ledger lock: a payment that got in first leaves its grant alone.
  const { balances, systemIds } = await lockAccounts(tx, candidates.map((grant) => grant.accountId), [{ kind: "voucher_budget", storeId: null }]);
  const untouched = candidates.filter((grant) => balances.get(grant.accountId) === grant.amount);
  if (untouched.length === 0) return { grants: 0, amount: 0n, grantIds: [] as string[], planned };
  const amount = untouched.reduce((sum, grant) => sum + grant.amount, 0n);
  await postTransfer(tx, {
    kind: "voucher_revoke",
    memo: "leaver's future vouchers returned to the budget",
    createdBy: input.actorId,
    entries: [...untouched.map((grant) => ({ accountId: grant.accountId, amount: -grant.amount })), { accountId: firstId(systemIds), amount }],
  });
  await tx
    .update(voucherGrants)
    .set({ status: "revoked", closedAt: input.now })
    .where(inArray(voucherGrants.id, untouched.map((grant) => grant.id)));
  return { grants: untouched.length, amount, grantIds: untouched.map((grant) => grant.id), planned };
}
