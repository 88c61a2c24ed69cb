import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, type AccountKind } from "@/db/schema";

/** Shared balances are split across this many rows so concurrent payments rarely meet on one. */
export const SHARDS = 16;

export const STORE_ACCOUNT_KINDS = ["store_revenue", "store_cash_drawer", "card_clearing"] as const satisfies readonly AccountKind[];
export const COMPANY_ACCOUNT_KINDS = [
  "voucher_budget",
  "pg_clearing",
  "promotion_expense",
  "coupon_expense",
] as const satisfies readonly AccountKind[];

export type StoreAccountKind = (typeof STORE_ACCOUNT_KINDS)[number];
export type CompanyAccountKind = (typeof COMPANY_ACCOUNT_KINDS)[number];

export const randomShard = () => Math.floor(Math.random() * SHARDS);

/** Creates the sharded company accounts and each given store's accounts; safe to run again. */
export async function ensureSystemAccounts(tx: DbOrTx, storeIds: readonly string[]) {
  const shards = Array.from({ length: SHARDS }, (_, shard) => shard);
  const rows = [
    ...COMPANY_ACCOUNT_KINDS.flatMap((kind) => shards.map((shard) => ({ kind, shard }))),
    ...storeIds.flatMap((storeId) =>
      STORE_ACCOUNT_KINDS.flatMap((kind) => shards.map((shard) => ({ kind, storeId, shard }))),
    ),
  ];
  await tx.insert(accounts).values(rows).onConflictDoNothing();
}

export async function ensureWallets(tx: DbOrTx, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await tx
    .insert(accounts)
    .values(userIds.map((userId) => ({ kind: "employee_wallet" as const, userId })))
    .onConflictDoNothing();
}

export async function walletOf(tx: DbOrTx, userId: string) {
  const [wallet] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, "employee_wallet"), eq(accounts.userId, userId)));
  return wallet ?? null;
}

/** The id of one shard of a store or company account. */
export async function systemAccountId(
  tx: DbOrTx,
  kind: StoreAccountKind | CompanyAccountKind,
  storeId: string | null,
  shard = randomShard(),
): Promise<string> {
  const [row] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.kind, kind),
        storeId ? eq(accounts.storeId, storeId) : isNull(accounts.storeId),
        isNull(accounts.userId),
        eq(accounts.shard, shard),
      ),
    );
  if (!row) throw new Error(`ledger: ${kind} account missing for ${storeId ?? "the company"}; run ensureSystemAccounts`);
  return row.id;
}

export type SystemAccountRef = { kind: StoreAccountKind | CompanyAccountKind; storeId: string | null };

/**
 * Locks the given accounts, plus one random shard of each system account asked for, for the
 * rest of the transaction — always in id order: every money-moving transaction locks this
 * way, so two of them can never wait on each other in a cycle. One statement; returns the
 * balances as they are under the lock and the ids of the shards picked.
 */
export async function lockAccounts(tx: DbOrTx, ids: readonly string[], system: readonly SystemAccountRef[] = []) {
  const unique = [...new Set(ids)];
  const picks = system.map((ref) => ({ ...ref, shard: randomShard() }));
  if (unique.length === 0 && picks.length === 0) return { balances: new Map<string, bigint>(), systemIds: [] as string[] };
  const rows = await tx
    .select({ id: accounts.id, balance: accounts.balance, kind: accounts.kind, storeId: accounts.storeId, userId: accounts.userId, shard: accounts.shard })
    .from(accounts)
    .where(
      or(
        ...(unique.length ? [inArray(accounts.id, unique)] : []),
        ...picks.map((pick) =>
          and(
            eq(accounts.kind, pick.kind),
            pick.storeId ? eq(accounts.storeId, pick.storeId) : isNull(accounts.storeId),
            isNull(accounts.userId),
            eq(accounts.shard, pick.shard),
          ),
        ),
      ),
    )
    .orderBy(accounts.id)
    .for("no key update");
  const systemIds = picks.map((pick) => {
    const row = rows.find(
      (candidate) => candidate.kind === pick.kind && candidate.storeId === pick.storeId && candidate.userId === null && candidate.shard === pick.shard,
    );
    if (!row) throw new Error(`ledger: ${pick.kind} account missing for ${pick.storeId ?? "the company"}; run ensureSystemAccounts`);
    return row.id;
  });
  if (unique.some((id) => !rows.some((row) => row.id === id))) throw new Error("ledger: tried to lock an account that does not exist");
  return { balances: new Map(rows.map((row) => [row.id, row.balance])), systemIds };
}

export function firstId(ids: readonly string[]): string {
  const [id] = ids;
  if (!id) throw new Error("ledger: no system account was locked");
  return id;
}

/** Sum of the balances of all shards of a store or company account. */
export async function shardedBalance(tx: DbOrTx, kind: StoreAccountKind | CompanyAccountKind, storeId: string | null) {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${accounts.balance}), 0)::text` })
    .from(accounts)
    .where(and(eq(accounts.kind, kind), storeId ? eq(accounts.storeId, storeId) : isNull(accounts.storeId)));
  return BigInt(row?.total ?? "0");
}
