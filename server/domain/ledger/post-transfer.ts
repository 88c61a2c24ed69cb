import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { TransferKind } from "@/db/schema";

export type Entry = { accountId: string; amount: bigint };

export type TransferInput = {
  kind: TransferKind;
  entries: readonly Entry[];
  orderId?: string | null;
  memo?: string | null;
  createdBy?: string | null;
  /** What a discount transfer funded, so the cost report can read it from the ledger. */
  promotionId?: string | null;
  couponId?: string | null;
};

/**
 * Writes one transfer, its entries and the cached balances in a single statement. The
 * accounts must already be locked by the caller (lockAccounts), so this adds no new locks.
 * A wallet or voucher pushed below zero fails the CHECK on accounts and aborts the transaction.
 */
export async function postTransfer(tx: DbOrTx, input: TransferInput): Promise<string> {
  const entries = input.entries.filter((entry) => entry.amount !== 0n);
  if (entries.length < 2) throw new Error("ledger: a transfer needs at least two non-zero entries");
  const sum = entries.reduce((total, entry) => total + entry.amount, 0n);
  if (sum !== 0n) throw new Error(`ledger: transfer entries sum to ${sum}, not 0`);

  const transferId = crypto.randomUUID();
  const values = sql.join(
    entries.map((entry) => sql`(${entry.accountId}::uuid, ${entry.amount.toString()}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    with transfer as (
      insert into ledger_transfers (id, kind, order_id, memo, created_by, promotion_id, coupon_id)
      values (${transferId}, ${input.kind}, ${input.orderId ?? null}, ${input.memo ?? null}, ${input.createdBy ?? null},
        ${input.promotionId ?? null}::uuid, ${input.couponId ?? null}::uuid)
    ),
    entry as (
      insert into ledger_entries (transfer_id, account_id, amount)
      select ${transferId}::uuid, v.account_id, v.amount from (values ${values}) as v(account_id, amount)
      returning account_id, amount
    )
    update accounts set balance = accounts.balance + delta.amount
    from (select account_id, sum(amount)::bigint as amount from entry group by account_id) as delta
    where accounts.id = delta.account_id`);
  return transferId;
}
