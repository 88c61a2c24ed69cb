import type { DbOrTx } from "@/db/client";
import { DomainError } from "../errors";
import { ensureWallets, firstId, lockAccounts, walletOf } from "../ledger/accounts";
import { postTransfer } from "../ledger/post-transfer";

/**
 * Credits an employee's wallet with money that came in through the PG (card top-up).
 * The PG flow (checkout → confirm) decides when this runs; this is the ledger half.
 */
export async function creditWalletFromPg(args: {
  tx: DbOrTx;
  input: { employeeId: string; amount: bigint; memo: string; actorId?: string | null };
}) {
  const { tx, input } = args;
  if (input.amount <= 0n) throw new DomainError("BAD_REQUEST", "amountNotPositive", "the amount must be more than 0 won");
  await ensureWallets(tx, [input.employeeId]);
  const wallet = await walletOf(tx, input.employeeId);
  if (!wallet) throw new Error("wallet missing after ensureWallets");
  const { balances, systemIds } = await lockAccounts(tx, [wallet.id], [{ kind: "pg_clearing", storeId: null }]);
  const clearing = firstId(systemIds);
  await postTransfer(tx, {
    kind: "top_up",
    memo: input.memo,
    createdBy: input.actorId ?? null,
    entries: [
      { accountId: clearing, amount: -input.amount },
      { accountId: wallet.id, amount: input.amount },
    ],
  });
  return { walletId: wallet.id, balance: (balances.get(wallet.id) ?? 0n) + input.amount };
}
