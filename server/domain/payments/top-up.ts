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
  const transferId = await postTransfer(tx, {
    kind: "top_up",
    memo: input.memo,
    createdBy: input.actorId ?? null,
    entries: [
      { accountId: clearing, amount: -input.amount },
      { accountId: wallet.id, amount: input.amount },
    ],
  });
  return { walletId: wallet.id, transferId, balance: (balances.get(wallet.id) ?? 0n) + input.amount };
}

/** The wallet and one PG clearing shard, locked together (id order) before a top-up cancel asks the PG. */
export async function lockForTopUpCancel(tx: DbOrTx, employeeId: string) {
  const wallet = await walletOf(tx, employeeId);
  if (!wallet) return null;
  const { balances, systemIds } = await lockAccounts(tx, [wallet.id], [{ kind: "pg_clearing", storeId: null }]);
  return { walletId: wallet.id, clearingId: firstId(systemIds), balance: balances.get(wallet.id) ?? 0n };
}

export type TopUpCancelLocks = NonNullable<Awaited<ReturnType<typeof lockForTopUpCancel>>>;

const cancelSpent = (available: bigint) =>
  new DomainError("PRECONDITION_FAILED", "topUpCancelSpent", "the wallet no longer holds the amount to cancel", {
    available: Number(available),
  });

/** Moves `amount` from the locked wallet back to PG clearing (`top_up_cancel`). */
export async function postTopUpCancel(
  tx: DbOrTx,
  locks: TopUpCancelLocks,
  input: { amount: bigint; memo: string; actorId?: string | null },
) {
  if (input.amount <= 0n) throw new DomainError("BAD_REQUEST", "amountNotPositive", "the amount must be more than 0 won");
  if (locks.balance < input.amount) throw cancelSpent(locks.balance);
  const transferId = await postTransfer(tx, {
    kind: "top_up_cancel",
    memo: input.memo,
    createdBy: input.actorId ?? null,
    entries: [
      { accountId: locks.walletId, amount: -input.amount },
      { accountId: locks.clearingId, amount: input.amount },
    ],
  });
  return { walletId: locks.walletId, transferId, balance: locks.balance - input.amount };
}

/**
 * Takes back from the wallet money whose card payment was canceled at the PG (all or part
 * of a top-up). Refused (topUpCancelSpent) when the wallet no longer holds it.
 * Callers that hold the pg_payments row lock it first, then this locks the accounts.
 */
export async function debitWalletToPg(args: {
  tx: DbOrTx;
  input: { employeeId: string; amount: bigint; memo: string; actorId?: string | null };
}) {
  const { tx, input } = args;
  const locks = await lockForTopUpCancel(tx, input.employeeId);
  if (!locks) throw cancelSpent(0n);
  return postTopUpCancel(tx, locks, input);
}
