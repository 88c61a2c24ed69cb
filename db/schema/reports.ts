import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { meal } from "./vouchers";

/**
 * The monthly tax-free meal allowance (식대 비과세 한도), from a month on: the cap of a month is the
 * row with the latest `effectiveMonth` not after it (₩200,000 when there is none). A change
 * applies from a month, so reports of earlier months keep the cap they were paid under.
 */
export const mealAllowanceSettings = pgTable(
  "meal_allowance_settings",
  {
    // The first day of the month the amount applies from.
    effectiveMonth: date().primaryKey(),
    monthlyAmount: bigint({ mode: "bigint" }).notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("meal_allowance_settings_first_day", sql`extract(day from ${t.effectiveMonth}) = 1`),
    check("meal_allowance_settings_amount", sql`${t.monthlyAmount} >= 0 and ${t.monthlyAmount} <= 10000000`),
  ],
);

/*
 * Report rollups (migration 0016): summaries the admin reports read instead of a year of tenders.
 * Database triggers on payment_tenders, order_lines, voucher_grants and users keep them exact in
 * the same transaction; the `*_recomputed` views say what each must equal, `report_rollups_rebuild()`
 * refills them from those views. Rows carry a `shard` (0–7, from the writing transaction's id) so
 * tills paying at the same moment update different rows; readers sum over the shards.
 */

/** Voucher uses by business day × store × payer's department × grant's meal. */
export const reportVoucherSpend = pgTable(
  "report_voucher_spend",
  {
    businessDate: date().notNull(),
    storeId: uuid().notNull(),
    departmentId: uuid(),
    meal: meal(),
    shard: smallint().notNull(),
    uses: integer().notNull(),
    paid: bigint({ mode: "bigint" }).notNull(),
    refunded: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [unique("report_voucher_spend_key").on(t.businessDate, t.storeId, t.departmentId, t.meal, t.shard).nullsNotDistinct()],
);

/** Voucher uses by month of business day × payer, for the payroll tax report. */
export const reportVoucherUseMonthly = pgTable(
  "report_voucher_use_monthly",
  {
    month: date().notNull(),
    payerId: uuid().notNull(),
    uses: integer().notNull(),
    paid: bigint({ mode: "bigint" }).notNull(),
    refunded: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ name: "report_voucher_use_monthly_pk", columns: [t.month, t.payerId] })],
);

/** Grants given per grant day (service day, else the Seoul day they start), revoked ones left out, and what was spent of them. */
export const reportVoucherGranted = pgTable(
  "report_voucher_granted",
  {
    grantDay: date().notNull(),
    shard: smallint().notNull(),
    grants: integer().notNull(),
    granted: bigint({ mode: "bigint" }).notNull(),
    used: bigint({ mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ name: "report_voucher_granted_pk", columns: [t.grantDay, t.shard] })],
);

/** Quantities kept (net of refunds) of items in orders paid partly by voucher, by business day × store × item. */
export const reportVoucherItems = pgTable(
  "report_voucher_items",
  {
    businessDate: date().notNull(),
    storeId: uuid().notNull(),
    menuItemId: uuid().notNull(),
    shard: smallint().notNull(),
    quantity: bigint({ mode: "bigint" }).notNull(),
    amount: bigint({ mode: "bigint" }).notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
  },
  (t) => [primaryKey({ name: "report_voucher_items_pk", columns: [t.businessDate, t.storeId, t.menuItemId, t.shard] })],
);
