import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { stores } from "./org";
import { users } from "./users";

export const accountKind = pgEnum("account_kind", [
  "employee_wallet",
  "voucher_grant",
  "voucher_budget",
  "store_revenue",
  "store_cash_drawer",
  "card_clearing",
  "pg_clearing",
  "promotion_expense",
  "coupon_expense",
]);
export type AccountKind = (typeof accountKind.enumValues)[number];

/** Accounts whose balance is a person's or a grant's money: they may never go below zero. */
export const NON_NEGATIVE_KINDS = ["employee_wallet", "voucher_grant"] as const satisfies readonly AccountKind[];

/**
 * Balances follow one sign rule: an entry of +x adds x to the account. Money that enters
 * Canteen from outside (card, cash, the company's budget) is drawn from a source account
 * that goes negative; store revenue and wallets go positive.
 *
 * Company-wide and per-store accounts are split into `shard`s: each payment touches one
 * shard picked at random, so concurrent payments do not queue on one hot balance row.
 */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: accountKind().notNull(),
    userId: uuid().references(() => users.id),
    storeId: uuid().references(() => stores.id),
    grantId: uuid(),
    shard: smallint().notNull().default(0),
    balance: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("accounts_owner_key").on(t.kind, t.userId, t.storeId, t.grantId, t.shard).nullsNotDistinct(),
    // A payer's vouchers are found by grant; the owner key above starts with kind and user.
    index("accounts_grant_idx").on(t.grantId).where(sql`${t.grantId} is not null`),
    check(
      "accounts_balance_non_negative",
      sql`${t.kind} not in ('employee_wallet', 'voucher_grant') or ${t.balance} >= 0`,
    ),
    check("accounts_wallet_owner", sql`${t.kind} <> 'employee_wallet' or ${t.userId} is not null`),
    check("accounts_grant_owner", sql`${t.kind} <> 'voucher_grant' or ${t.grantId} is not null`),
  ],
);

export const transferKind = pgEnum("transfer_kind", [
  "payment",
  "refund",
  "top_up",
  "top_up_cancel",
  "voucher_grant",
  "voucher_expiry",
  "voucher_revoke",
  "adjustment",
]);
export type TransferKind = (typeof transferKind.enumValues)[number];

/** One movement of value. Immutable (a trigger refuses UPDATE and DELETE); corrections are new transfers. */
export const ledgerTransfers = pgTable(
  "ledger_transfers",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: transferKind().notNull(),
    orderId: uuid(),
    memo: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ledger_transfers_order_idx").on(t.orderId), index("ledger_transfers_created_idx").on(t.createdAt)],
);

/** The legs of a transfer; a deferred trigger checks at commit that each transfer sums to zero. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial({ mode: "bigint" }).primaryKey(),
    transferId: uuid().notNull().references(() => ledgerTransfers.id),
    accountId: uuid().notNull().references(() => accounts.id),
    amount: bigint({ mode: "bigint" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_entries_transfer_id_idx").on(t.transferId, t.id),
    index("ledger_entries_account_idx").on(t.accountId, t.createdAt),
    check("ledger_entries_amount_nonzero", sql`${t.amount} <> 0`),
  ],
);
